package org.coopwatch.streams.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.schemas.topic.Topic;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.PipelineOptions;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.streams.topology.StageTopologies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All four stages as separate Kafka Streams applications (exactly_once_v2) with the real classifier on the
 * real embedded broker: one broker and one set of applications for the class. Outputs are read with
 * read_committed, as the sink reads them.
 */
class PipelineIT {

    /** How long to wait for a record to come through before failing; a bound on waiting, not an assertion on speed. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir static Path dir;
    static EmbeddedKafka kafka;
    static final Topics topics = Topics.defaults();
    static final List<KafkaStreams> apps = new ArrayList<>();
    static String seed;

    @BeforeAll
    static void startPipeline() throws Exception {
        Optional<Path> seedFile = Fixtures.shared(Fixtures.SEED);
        assumeTrue(seedFile.isPresent(), "seed article " + Fixtures.SEED + " not found above the working directory");
        seed = Files.readString(seedFile.get(), StandardCharsets.UTF_8);
        kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String name : topics.names().all()) {
                // two partitions for events and what follows: pair keys must keep a pair on one partition
                int partitions = name.equals(topics.names().raw()) || name.equals(topics.names().dlq()) ? 1 : 2;
                newTopics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
        }
        StreamsSettings settings = StreamsSettings.builder(kafka.bootstrapServers())
                .stateDir(dir.resolve("state"))
                .commitInterval(Duration.ofMillis(200))
                .build();
        Classifier classifier = Classifier.load();
        for (Stage stage : Stage.values()) {
            Properties props = settings.forStage(stage);
            KafkaStreams app = new KafkaStreams(
                    StageTopologies.build(stage, topics, classifier::classify, PipelineOptions.defaults(), props), props);
            apps.add(app);
            app.start();
        }
    }

    @AfterAll
    static void stopPipeline() {
        for (KafkaStreams app : apps) app.close(Duration.ofSeconds(20));
        if (kafka != null) kafka.close();
    }

    @Test
    void theSeedArticleAsAvroAndAsJsonBecomesEventsAlertsAndAggregates() throws Exception {
        // recent, so that it falls within the aggregates' grace period whatever else the broker has seen
        Instant published = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String hour = published.truncatedTo(ChronoUnit.HOURS).toString();
        String day = published.truncatedTo(ChronoUnit.DAYS).toString();
        byte[] avro = topics.raw().valueSerde().serializer().serialize(topics.raw().name(),
                Fixtures.raw("seed-avro", seed, published, Instant.now()));
        String json = "{\"id\": \"seed-json\", \"title\": \"India Russia Trade Relations\", \"language\": \"hi\","
                + " \"published\": \"" + published + "\", \"text\": " + jsonString(seed) + "}";
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.raw().name(), bytes("seed-avro"), avro)).get();
            producer.send(new ProducerRecord<>(topics.raw().name(), null, bytes(json))).get();
        }

        List<ConsumerRecord<String, CooperationEvent>> events = readUntil(topics.events(),
                list -> hasEvent(list, "seed-avro") && hasEvent(list, "seed-json"));
        for (String id : List.of("seed-avro", "seed-json")) {
            List<ConsumerRecord<String, CooperationEvent>> mine = events.stream()
                    .filter(r -> r.value().getArticleId().equals(id)).toList();
            assertThat(mine).as("events of " + id).extracting(r -> r.key() + " " + r.value().getType())
                    .contains("IND-RUS CONSULT", "IND-RUS COOPERATE", "IND-USA THREATEN");
            assertThat(mine).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(r.value().getPair());
                assertThat(r.value().getEventTime()).isEqualTo(published);
                assertThat(r.value().getLanguage()).isEqualTo("hi");
            });
            // one partition sees every event of a pair
            assertThat(mine.stream().filter(r -> r.key().equals("IND-RUS")).map(ConsumerRecord::partition).distinct()).hasSize(1);
        }

        // the two are one story (the same text from two sources): one story id, the later copy counts two sources
        List<ConsumerRecord<String, CooperationEvent>> seedEvents = events.stream()
                .filter(r -> r.value().getArticleId().startsWith("seed-")).toList();
        List<String> storyIds = seedEvents.stream().map(r -> r.value().getStoryId()).distinct().toList();
        assertThat(storyIds).singleElement().isIn("seed-avro", "seed-json");
        String story = storyIds.get(0);
        assertThat(seedEvents).extracting(r -> r.value().getSources()).containsOnly(1, 2);

        List<ConsumerRecord<String, Alert>> alerts = readUntil(topics.alerts(),
                list -> list.stream().anyMatch(r -> r.value().getArticleIds().contains("seed-avro")));
        assertThat(alerts).extracting(r -> r.value().getRule() + " " + r.key() + " " + r.value().getType())
                .contains("conflict IND-USA THREATEN");
        // the JSON copy is the same story an instant later: its alerts are suppressed
        assertThat(alerts).filteredOn(r -> r.value().getArticleIds().contains("seed-json"))
                .extracting(r -> r.value().getAlertId() + " " + r.value().getEventTime() + " " + r.value().getCounts()).isEmpty();

        List<ConsumerRecord<String, Aggregate>> aggregates = readUntil(topics.aggregates(), list -> list.stream()
                .anyMatch(r -> r.value().getAggregateId().equals("day|IND-RUS|CONSULT|defence|" + day)
                        && r.value().getArticles() == 1));
        // aggregates count stories, not copies
        assertThat(aggregates).filteredOn(r -> r.value().getAggregateId().equals("hour|IND-RUS|CONSULT|defence|" + hour))
                .last().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("IND-RUS");
                    assertThat(r.value().getCount()).isEqualTo(1);
                    assertThat(r.value().getArticleIds()).containsExactly(story);
                    assertThat(r.value().getBalance()).isGreaterThan(0.0);
                });

        // the same window, asked of the aggregates application's queryable store
        KafkaStreams aggregatesApp = apps.get(Stage.AGGREGATES.ordinal());
        ReadOnlyWindowStore<String, Aggregate> hourly = aggregatesApp.store(StoreQueryParameters.fromNameAndType(
                AggregatesTopology.HOURLY_STORE, QueryableStoreTypes.windowStore()));
        Aggregate queried = hourly.fetch("IND-RUS|CONSULT|defence", Instant.parse(hour).toEpochMilli());
        assertThat(queried).isNotNull();
        assertThat(queried.getArticleIds()).containsExactly(story);
    }

    @Test
    void badRecordsReachTheDlqWithHeadersWhileGoodOnesAroundThemComeThrough() throws Exception {
        byte[] good1 = topics.raw().valueSerde().serializer().serialize(topics.raw().name(),
                Fixtures.raw("good-1", "India and Russia held talks in Moscow.", null, Instant.now()));
        byte[] truncated = Arrays.copyOf(good1, good1.length - 12);
        byte[] noText = bytes("{\"id\": \"no-text\", \"title\": \"a headline without a body\"}");
        byte[] random = new byte[200];
        new Random(7).nextBytes(random);
        random[0] = 0x02;
        String dlqRun = UUID.randomUUID().toString().substring(0, 8);
        long[] offsets = new long[3];
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.raw().name(), bytes("good-1"), good1)).get();
            offsets[0] = producer.send(new ProducerRecord<>(topics.raw().name(), bytes(dlqRun + "-truncated"), truncated)).get().offset();
            offsets[1] = producer.send(new ProducerRecord<>(topics.raw().name(), bytes(dlqRun + "-no-text"), noText)).get().offset();
            producer.send(new ProducerRecord<>(topics.raw().name(), null,
                    bytes("{\"id\": \"good-2\", \"text\": \"Russia and India agreed to expand trade.\"}"))).get();
            RecordMetadata m = producer.send(new ProducerRecord<>(topics.raw().name(), bytes(dlqRun + "-random"), random)).get();
            offsets[2] = m.offset();
            producer.send(new ProducerRecord<>(topics.raw().name(), bytes("good-3"),
                    topics.raw().valueSerde().serializer().serialize(topics.raw().name(),
                            Fixtures.raw("good-3", "The United States threatened India with tariffs.", null, Instant.now())))).get();
        }

        List<ConsumerRecord<String, EnrichedArticle>> enriched = readUntil(topics.enriched(), list ->
                List.of("good-1", "good-2", "good-3").stream().allMatch(id -> list.stream().anyMatch(r -> r.key().equals(id))));
        assertThat(enriched).extracting(ConsumerRecord::key).contains("good-1", "good-2", "good-3").doesNotContain("no-text");

        List<ConsumerRecord<byte[], byte[]>> dead = readUntil(topics.dlq(), list ->
                list.stream().filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(dlqRun)).count() >= 3);
        List<ConsumerRecord<byte[], byte[]>> mine = dead.stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(dlqRun)).toList();
        assertThat(mine).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly(dlqRun + "-truncated", dlqRun + "-no-text", dlqRun + "-random");
        assertThat(mine.get(0).value()).isEqualTo(truncated);
        assertThat(mine.get(1).value()).isEqualTo(noText);
        assertThat(mine.get(2).value()).isEqualTo(random);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<byte[], byte[]> r = mine.get(i);
            assertThat(header(r, "__streams.errors.topic")).isEqualTo(topics.raw().name());
            assertThat(header(r, "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(r, "__streams.errors.offset")).isEqualTo(Long.toString(offsets[i]));
            assertThat(header(r, "__streams.errors.exception")).isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(header(r, "__streams.errors.stacktrace")).contains("RawArticleSerde");
        }
        assertThat(header(mine.get(1), "__streams.errors.message")).contains("'no-text' has no \"text\"");
        assertThat(header(mine.get(2), "__streams.errors.message")).contains("neither Avro single-object encoded nor a JSON object");
    }

    // --- helpers

    static boolean hasEvent(List<ConsumerRecord<String, CooperationEvent>> list, String articleId) {
        return list.stream().anyMatch(r -> r.value().getArticleId().equals(articleId) && r.key().equals("IND-RUS"));
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads the topic from the start (read_committed) until the records seen satisfy {@code done}, or patience runs out. */
    static <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic, Predicate<List<ConsumerRecord<K, V>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> seen = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(seen) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
        }
        assertThat(done.test(seen)).as("expected records on " + topic.name() + " within " + PATIENCE + "; saw " + seen.size()).isTrue();
        return seen;
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String jsonString(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
