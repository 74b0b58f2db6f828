package org.coopwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.LagWatcher;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.app.pipeline.SinkSettings;
import org.coopwatch.app.pipeline.StreamsRunner;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.ProgressListener;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.schemas.serde.JsonArticles;
import org.coopwatch.schemas.topic.Topic;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.db.Dialect;
import org.coopwatch.streams.aggregate.Aggregates;
import org.coopwatch.streams.aggregate.Granularity;
import org.coopwatch.streams.config.DeadLetters;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.enrich.TextLimit;
import org.coopwatch.streams.event.CooperationEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline end to end on the real embedded broker, wired as the launcher wires it: topics from
 * {@link TopicAdmin}, the four stream stages from {@link StreamsRunner}, two sinks from {@link SinkSettings}
 * (one into SQLite, one into a throw-away schema of the PostgreSQL test database), articles from
 * {@link ArticlePublisher} and from a plain Kafka client writing JSON, as kcat would.
 *
 * <p>One broker and one pipeline for the class. Every test waits until every consumer group (the four
 * stages and both sinks) has caught up with everything published ({@link LagWatcher}, as {@code run --once}
 * does) and then asserts on database rows. Expected events come from the real classifier run in-process on
 * the same article: one event per (article, pair, type). The tests use distinct article ids; they run in
 * order so that the seed article meets a fresh pipeline (no alert suppressed by an earlier test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    /** A bound on waiting for records to come through, never an assertion on speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SEED = "india-russia-working-group.hi.txt";
    private static final String SEED_RESOURCE = "/org/coopwatch/app/demo/articles/" + SEED;
    private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static Admin admin;
    private static CoopwatchConfig config;
    private static CoopwatchConfig pgConfig;
    private static TopicNames names;
    private static Topics topics;
    private static Classifier classifier;
    private static String pgSchema;
    private static String sqliteUrl;
    private static String pgUrl;
    private static StreamsRunner streams;
    private static Sink toSqlite;
    private static Sink toPostgres;

    @BeforeAll
    static void startEverything() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        config = CoopwatchConfig.resolve(Map.of(
                CoopwatchConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                CoopwatchConfig.DATA_DIR, dir.resolve("data").toString(),
                // two partitions: pairs must stay on one partition, stages must merge partitions
                CoopwatchConfig.PARTITIONS, "2",
                // passed through to Kafka Streams: read_committed readers see results sooner
                "streams.commit.interval.ms", "200"), Map.of(), null);
        names = config.topicNames();
        topics = config.topics();
        new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(TopicAdmin.specs(config, 1));

        pgSchema = "coopwatch_e2e_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_SERVER); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + pgSchema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL for the *IT tests is expected at " + PG_SERVER + " (trust auth): "
                    + e.getMessage(), e);
        }
        pgUrl = PG_SERVER + "&currentSchema=" + pgSchema;
        pgConfig = config.with("sink.jdbc.url", pgUrl).with(CoopwatchConfig.SINK_GROUP_ID, "coopwatch-sink-pg")
                .with(SinkSettings.OUTPUT_DIR, "none");
        sqliteUrl = SinkSettings.jdbcUrl(config);
        classifier = Classifier.load();
        startPipeline();
    }

    @AfterAll
    static void stopEverything() throws SQLException {
        try {
            stopPipeline();
            if (admin != null) admin.close();
            if (kafka != null) kafka.close();
        } finally {
            if (pgSchema != null) {
                try (Connection c = DriverManager.getConnection(PG_SERVER); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
                }
            }
        }
    }

    /** The four stages and both sinks, with the application ids, group ids and state folder of every run. */
    private static void startPipeline() throws InterruptedException {
        streams = new StreamsRunner(config, EnumSet.allOf(Stage.class));
        streams.start();
        toSqlite = new Sink(SinkSettings.from(config)).start();
        toPostgres = new Sink(SinkSettings.from(pgConfig)).start();
        if (!streams.awaitRunning(PATIENCE)) {
            throw new AssertionError("the stages did not start: " + streams.describeStates() + " " + streams.failures());
        }
    }

    private static void stopPipeline() {
        if (streams != null) streams.close();
        if (toSqlite != null) toSqlite.close();
        if (toPostgres != null) toPostgres.close();
    }

    // ---- 1. the seed article, as Avro and as plain JSON ----------------------------------------------

    @Test
    @Order(1)
    void theSeedArticleAsAvroAndAsPlainJsonReachesEventsAlertsAndAggregatesInSqliteAndPostgresOnce() throws Exception {
        String seed = resource(SEED_RESOURCE);
        Path file = Files.createDirectories(dir.resolve("seed")).resolve(SEED);
        Files.writeString(file, seed, StandardCharsets.UTF_8);

        PublishReport published = publish(file);
        assertThat(published.exitCode()).as(published.summary()).isZero();
        assertThat(published.published()).isEqualTo(1);
        RawArticle avro = rawArticle(r -> file.toString().equals(r.getSource()));

        // the same report sent by another client as a plain JSON object, without a key, as kcat sends it
        String jsonId = "e2e-seed-json";
        byte[] json = jsonArticle(jsonId, seed, "hi", "kcat");
        send(null, json);
        RawArticle plain = JsonArticles.parse(json);

        Map<String, Set<String>> expected = Map.of(avro.getId(), expectedEvents(avro), jsonId, expectedEvents(plain));
        assertThat(expected.get(avro.getId())).as("the classifier on the seed article")
                .anySatisfy(e -> {
                    assertThat(e).startsWith("IND-RUS ");
                    assertThat(PloverType.valueOf(e.substring(8)).cooperative()).isTrue();
                });

        List<ConsumerRecord<String, CooperationEvent>> events = readUntil(topics.events(),
                list -> expected.keySet().stream().allMatch(id -> pairTypes(list, id).containsAll(expected.get(id))));
        for (String id : expected.keySet()) {
            assertThat(pairTypes(events, id)).as("events of " + id + " on " + names.events()).isEqualTo(expected.get(id));
        }
        List<CooperationEvent> seedEvents = events.stream().map(ConsumerRecord::value)
                .filter(e -> expected.containsKey(e.getArticleId())).toList();
        assertThat(events).filteredOn(r -> expected.containsKey(r.value().getArticleId()))
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getPair()));
        // two copies of one report from two sources: one story
        List<String> stories = seedEvents.stream().map(CooperationEvent::getStoryId).distinct().toList();
        assertThat(stories).singleElement().isIn(avro.getId(), jsonId);
        String story = stories.get(0);
        String copy = story.equals(jsonId) ? avro.getId() : jsonId;
        Set<String> eventIds = ids(seedEvents);

        awaitDrained("the seed article");
        Map<String, Map<String, Long>> rowsBefore = new LinkedHashMap<>();
        for (String url : List.of(sqliteUrl, pgUrl)) {
            String db = Dialect.forUrl(url).id();
            List<EventRow> rows = eventRows(url, expected.keySet());
            for (String id : expected.keySet()) {
                List<EventRow> mine = rows.stream().filter(r -> r.articleId().equals(id)).toList();
                assertThat(mine).as(db + ": events of " + id).extracting(r -> r.pair() + " " + r.type())
                        .containsExactlyInAnyOrderElementsOf(expected.get(id));
            }
            assertThat(rows).as(db).extracting(EventRow::eventId).containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(rows).as(db).filteredOn(r -> r.pair().equals("IND-RUS")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.storyId()).isEqualTo(story));

            Map<String, List<String>> alerts = alertArticles(url);
            assertThat(alerts).as(db + ": an alert on the seed article").anySatisfy((alertId, articles) ->
                    assertThat(articles).contains(story));

            Map<String, AggregateRow> aggregates = aggregateRows(url);
            assertThat(aggregates.values()).as(db + ": IND-RUS aggregates counting the seed story")
                    .filteredOn(a -> a.pair().equals("IND-RUS") && a.articleIds().contains(story))
                    .extracting(AggregateRow::granularity).contains("hour", "day");
            assertThat(aggregates.values()).as(db + ": the second copy of a story is not counted again")
                    .noneMatch(a -> a.articleIds().contains(copy));
            assertAggregatesAgreeWithEvents(url);
            rowsBefore.put(url, tableCounts(url));
        }

        // replay: the same file through the publisher and the same JSON again
        PublishReport again = publish(file);
        assertThat(again.published()).as(again.summary()).isEqualTo(1);
        send(null, json);
        awaitDrained("the replayed seed article");
        // the replay did reach the classifier: the JSON copy was enriched twice
        readUntil(topics.enriched(), list -> list.stream().filter(r -> r.key().equals(jsonId)).count() >= 2);
        for (String url : List.of(sqliteUrl, pgUrl)) {
            assertThat(tableCounts(url)).as(Dialect.forUrl(url).id() + " after the replay").isEqualTo(rowsBefore.get(url));
            assertThat(eventRows(url, expected.keySet())).extracting(EventRow::eventId)
                    .containsExactlyInAnyOrderElementsOf(eventIds);
        }

        // a sink reading every topic again from the start (a new group) into the same database adds no row
        SinkConfig reread = SinkSettings.from(config.with(CoopwatchConfig.SINK_GROUP_ID, "coopwatch-sink-reread")
                .with(SinkSettings.OUTPUT_DIR, "none"));
        try (Sink sink = new Sink(reread).start()) {
            awaitDrained(Map.of(reread.groupId(), Set.of(names.events(), names.alerts(), names.aggregates())),
                    "a second sink re-reading everything", () -> sink.failure().isEmpty());
            assertThat(sink.stats().snapshot().events()).as("it re-read the events").isGreaterThanOrEqualTo(eventIds.size());
        }
        assertThat(tableCounts(sqliteUrl)).as("sqlite after a full re-read").isEqualTo(rowsBefore.get(sqliteUrl));
    }

    // ---- 2. bad records among good ones --------------------------------------------------------------

    @Test
    @Order(2)
    void badRecordsGoToTheDlqOrAreRefusedByNameWhileTheGoodOnesAroundThemComeThrough() throws Exception {
        RawArticle good1 = raw("e2e-good-1", "India and Russia held talks on energy cooperation in Moscow.");
        byte[] good1Bytes = avroBytes(good1);
        byte[] truncated = Arrays.copyOf(good1Bytes, good1Bytes.length - 12);
        byte[] noText = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("id", "e2e-no-text").put("title", "a headline without a body"));
        byte[] random = new byte[300];
        new Random(11).nextBytes(random);
        random[0] = 0x02; // neither '{' nor the Avro single-object marker
        byte[] good2 = jsonArticle("e2e-good-2", "Japan and India signed an agreement on transport cooperation in Tokyo.",
                null, "kcat");
        RawArticle good3 = raw("e2e-good-3", "China and Brazil agreed to expand space cooperation in Beijing.");
        // 10 MB: one cooperation sentence, then page after page of text naming no country
        String huge = hugeText("France and Germany signed an agreement on defence cooperation in Paris.", 10_000_000);
        byte[] hugeJson = jsonArticle("e2e-huge", huge, "en", "kcat");
        RawArticle good5 = raw("e2e-good-5", "Egypt and Saudi Arabia held talks on health cooperation in Cairo.");

        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        sent.put("e2e-good-1", send("e2e-good-1", good1Bytes));
        sent.put("e2e-truncated", send("e2e-truncated", truncated));
        sent.put("e2e-no-text", send("e2e-no-text", noText));
        sent.put("e2e-good-2", send(null, good2));
        sent.put("e2e-random", send("e2e-random", random));
        sent.put("e2e-good-3", send("e2e-good-3", avroBytes(good3)));

        // 10 MB written raw, uncompressed: over the topic's max.message.bytes, the broker refuses it by name
        try (KafkaProducer<byte[], byte[]> big = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20))) {
            Throwable refused = catchThrowable(() -> big.send(new ProducerRecord<>(names.raw(), bytes("e2e-huge"), hugeJson)).get());
            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("larger than the max message size the server will accept");
        }
        // the same record compressed fits: the broker takes it, and the pipeline has to cope
        try (KafkaProducer<byte[], byte[]> big = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"))) {
            sent.put("e2e-huge", big.send(new ProducerRecord<>(names.raw(), bytes("e2e-huge"), hugeJson)).get());
        }
        // unreadable and large: 3 MB goes to the DLQ whole; 10 MB, over what Kafka takes uncompressed, without its value
        byte[] brokenJson3mb = bytes("{\"id\": \"e2e-broken-3mb\", \"text\": \"" + huge.substring(0, 3_000_000));
        byte[] brokenJson10mb = bytes("{\"id\": \"e2e-broken-10mb\", \"text\": \"" + huge);
        try (KafkaProducer<byte[], byte[]> big = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"))) {
            sent.put("e2e-broken-3mb", big.send(new ProducerRecord<>(names.raw(), bytes("e2e-broken-3mb"), brokenJson3mb)).get());
            sent.put("e2e-broken-10mb", big.send(new ProducerRecord<>(names.raw(), bytes("e2e-broken-10mb"), brokenJson10mb)).get());
        }
        sent.put("e2e-good-5", send("e2e-good-5", avroBytes(good5)));

        // 10 MB through the publisher: refused before sending, naming the file; the file next to it goes out
        Path folder = Files.createDirectories(dir.resolve("bad-inputs"));
        Files.writeString(folder.resolve("huge.en.txt"), huge, StandardCharsets.UTF_8);
        String good4Text = "Indonesia and Australia held talks on trade cooperation in Jakarta.";
        Files.writeString(folder.resolve("good-4.en.txt"), good4Text, StandardCharsets.UTF_8);
        PublishReport report = publish(folder);
        assertThat(report.published()).as(report.summary()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(PublishReport.EXIT_INPUT_SKIPPED);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE);
            assertThat(p.file()).endsWith("huge.en.txt");
            assertThat(p.toString()).contains("huge.en.txt", "skipped", "limit");
        });
        RawArticle good4 = rawArticle(r -> r.getText().equals(good4Text));

        List<RawArticle> goods = List.of(good1, JsonArticles.parse(good2), good3, good4, good5);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (RawArticle r : goods) expected.put(r.getId(), expectedEvents(r));
        assertThat(expected.values()).as("every good article has events").allSatisfy(e -> assertThat(e).isNotEmpty());

        awaitDrained("good and bad records");
        for (String url : List.of(sqliteUrl, pgUrl)) {
            List<EventRow> rows = eventRows(url, expected.keySet());
            for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
                assertThat(rows).as(Dialect.forUrl(url).id() + ": events of " + e.getKey())
                        .filteredOn(r -> r.articleId().equals(e.getKey())).extracting(r -> r.pair() + " " + r.type())
                        .containsExactlyInAnyOrderElementsOf(e.getValue());
            }
        }

        List<String> deadKeys = List.of("e2e-truncated", "e2e-no-text", "e2e-random", "e2e-broken-3mb", "e2e-broken-10mb");
        List<ConsumerRecord<byte[], byte[]>> dead = readUntil(topics.dlq(), list -> dlqKeys(list).containsAll(deadKeys));
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            if (r.key() != null) byKey.put(new String(r.key(), StandardCharsets.UTF_8), r);
        }
        for (String key : deadKeys) {
            ConsumerRecord<byte[], byte[]> r = byKey.get(key);
            assertThat(header(r, "__streams.errors.topic")).as(key).isEqualTo(names.raw());
            assertThat(header(r, "__streams.errors.partition")).as(key).isEqualTo(Integer.toString(sent.get(key).partition()));
            assertThat(header(r, "__streams.errors.offset")).as(key).isEqualTo(Long.toString(sent.get(key).offset()));
            assertThat(header(r, "__streams.errors.exception")).as(key).endsWith("SerializationException");
        }
        assertThat(byKey.get("e2e-truncated").value()).isEqualTo(truncated);
        assertThat(byKey.get("e2e-no-text").value()).isEqualTo(noText);
        assertThat(byKey.get("e2e-random").value()).isEqualTo(random);
        assertThat(header(byKey.get("e2e-no-text"), "__streams.errors.message")).contains("'e2e-no-text'", "no \"text\"");
        assertThat(header(byKey.get("e2e-random"), "__streams.errors.message"))
                .contains("neither Avro single-object encoded nor a JSON object");
        assertThat(Arrays.equals(byKey.get("e2e-broken-3mb").value(), brokenJson3mb)).as("3 MB in the DLQ byte for byte").isTrue();
        RecordMetadata at = sent.get("e2e-broken-10mb");
        assertThat(byKey.get("e2e-broken-10mb").value()).as("10 MB: no value in the DLQ").isNull();
        assertThat(header(byKey.get("e2e-broken-10mb"), DeadLetters.VALUE_OMITTED))
                .contains("value of " + brokenJson10mb.length + " bytes left out", names.raw() + "-" + at.partition() + "@" + at.offset());

        // the 10 MB record the broker took: classified on its first 512 KiB, its event stored
        List<ConsumerRecord<String, EnrichedArticle>> enriched = readUntil(topics.enriched(),
                list -> list.stream().anyMatch(r -> r.key().equals("e2e-huge")));
        EnrichedArticle capped = enriched.stream().filter(r -> r.key().equals("e2e-huge")).findFirst().orElseThrow().value();
        assertThat(capped.getText().getBytes(StandardCharsets.UTF_8).length).isBetween(TextLimit.DEFAULT_MAX_BYTES - 200,
                TextLimit.DEFAULT_MAX_BYTES);
        assertThat(huge.startsWith(capped.getText())).as("the stored text is the start of the original").isTrue();
        assertThat(byKey).doesNotContainKey("e2e-huge");
        for (String url : List.of(sqliteUrl, pgUrl)) {
            assertThat(eventRows(url, Set.of("e2e-huge"))).extracting(r -> r.pair() + " " + r.type()).contains("DEU-FRA AGREE");
        }
        assertThat(streams.failures()).as("no stage stopped").isEmpty();
    }

    // ---- 3. stopping and restarting streams and sink mid-stream ----------------------------------------

    @Test
    @Order(3)
    void stoppingAndRestartingTheStagesAndTheSinksMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        List<RawArticle> batch = templateArticles("e2e-batch-", 60);
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (RawArticle r : batch) expected.put(r.getId(), expectedEvents(r));
        assertThat(expected.values()).as("every article of the batch has events").allSatisfy(e -> assertThat(e).isNotEmpty());
        long expectedCount = expected.values().stream().mapToLong(Set::size).sum();

        ExecutorService background = Executors.newSingleThreadExecutor();
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (RawArticle r : batch.subList(0, 20)) {
                producer.send(new ProducerRecord<>(names.raw(), bytes(r.getId()), avroBytes(r)));
            }
            producer.flush();
            // the pipeline is moving: some of the batch is in the database already
            await("a first event of the batch in SQLite", () -> countBatchRows(sqliteUrl) > 0);

            // the rest keeps coming while everything is stopped and started again
            Future<?> rest = background.submit(() -> {
                for (RawArticle r : batch.subList(20, batch.size())) {
                    producer.send(new ProducerRecord<>(names.raw(), bytes(r.getId()), avroBytes(r)));
                    sleep(40);
                }
                producer.flush();
                return null;
            });
            long atStop = countBatchRows(sqliteUrl);
            stopPipeline();
            long afterStop = countBatchRows(sqliteUrl);
            startPipeline();
            rest.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "EndToEndIT: stopped with %d of %d batch events in SQLite (%d once closed)%n",
                    atStop, expectedCount, afterStop);
        } finally {
            background.shutdownNow();
        }
        awaitDrained("the batch, across a restart");

        List<ConsumerRecord<String, CooperationEvent>> onTopic = readUntil(topics.events(),
                list -> expected.keySet().stream().allMatch(id -> pairTypes(list, id).containsAll(expected.get(id))));
        List<String> topicIds = onTopic.stream().map(r -> r.value().getEventId())
                .filter(id -> expected.containsKey(id.substring(0, id.indexOf('|')))).toList();
        assertThat(topicIds).as("exactly once on " + names.events() + " (read_committed)").doesNotHaveDuplicates()
                .hasSize((int) expectedCount);
        for (String url : List.of(sqliteUrl, pgUrl)) {
            String db = Dialect.forUrl(url).id();
            List<EventRow> rows = eventRows(url, expected.keySet());
            assertThat(rows).as(db + ": every event of the batch, once").hasSize((int) expectedCount)
                    .extracting(EventRow::eventId).containsExactlyInAnyOrderElementsOf(topicIds);
            Map<String, Set<String>> stored = new TreeMap<>();
            for (EventRow r : rows) stored.computeIfAbsent(r.articleId(), k -> new TreeSet<>()).add(r.pair() + " " + r.type());
            assertThat(stored).as(db + ": events per article as the classifier gives them").isEqualTo(new TreeMap<>(expected));
            assertAggregatesAgreeWithEvents(url);
        }
        assertThat(streams.failures()).isEmpty();
    }

    // ---- the articles ----------------------------------------------------------------------------------

    private static final String[][] PAIRS = {{"India", "Russia"}, {"China", "Brazil"}, {"Japan", "India"},
        {"France", "Germany"}, {"Russia", "China"}, {"the United States", "Mexico"}, {"Indonesia", "Australia"},
        {"Egypt", "Saudi Arabia"}};
    private static final String[] SECTORS = {"energy", "defence", "trade", "space", "agriculture", "health", "transport"};
    private static final String[] CITIES = {"Moscow", "New Delhi", "Beijing", "Tokyo", "Paris", "Berlin", "Cairo", "Jakarta"};
    private static final String[] DEEDS = {"signed an agreement on %s cooperation", "held talks on %s cooperation",
        "agreed to expand %s cooperation"};

    /** {@code n} distinct short reports over eight pairs, three kinds of deed and seven sectors. */
    private static List<RawArticle> templateArticles(String prefix, int n) {
        List<RawArticle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] pair = PAIRS[i % PAIRS.length];
            String deed = String.format(Locale.ROOT, DEEDS[(i / PAIRS.length) % DEEDS.length], SECTORS[(i * 3) % SECTORS.length]);
            String text = pair[0] + " and " + pair[1] + " " + deed + " in " + CITIES[(i * 5) % CITIES.length]
                    + " on day " + i + " of the talks.";
            out.add(raw(prefix + i, text));
        }
        return out;
    }

    private static RawArticle raw(String id, String text) {
        return RawArticle.newBuilder().setId(id).setText(text).setTitle(null).setUrl(null).setSource("e2e-test")
                .setLanguageHint(null).setPublished(null).setIngested(Instant.now())
                .setContentHash(ArticleIds.contentHash(text)).build();
    }

    private static byte[] jsonArticle(String id, String text, String language, String source) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("id", id).put("text", text).put("source", source);
        if (language != null) node.put("language", language);
        return JSON.writeValueAsBytes(node);
    }

    /** A sentence, then paragraphs naming no country up to {@code bytes} of UTF-8. */
    private static String hugeText(String first, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 200).append(first).append("\n\n");
        String[] filler = {"The committee met again in the afternoon and reviewed the minutes of the previous session.",
            "Several speakers asked for more time to study the figures before the next meeting.",
            "The weather stayed dry and the roads into the city were open all day.",
            "Officials said the report would be published after the holidays."};
        for (int i = 0; sb.length() < bytes; i++) sb.append(filler[i % filler.length]).append(i % 7 == 6 ? "\n\n" : " ");
        return sb.toString();
    }

    /** "PAIR TYPE" of each event the pipeline must make of the article: the classifier on what enrichment classifies. */
    private static Set<String> expectedEvents(RawArticle r) {
        String text = TextLimit.truncate(r.getText(), TextLimit.DEFAULT_MAX_BYTES);
        Analysis a = classifier.classify(new Article(r.getId(), text, r.getTitle(), r.getLanguageHint()));
        Set<String> out = new TreeSet<>();
        for (Analysis.Interaction i : a.interactions()) {
            if (i.source().isBlank() || i.target().isBlank() || i.source().equals(i.target())) continue;
            out.add(ArticleIds.pair(i.source(), i.target()) + " " + i.type().name());
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EndToEndIT.class.getResourceAsStream(name)) {
            assertThat(in).as("bundled resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- publishing -----------------------------------------------------------------------------------

    private static PublishReport publish(Path input) {
        try (ArticlePublisher publisher = ArticlePublisher.builder().bootstrapServers(kafka.bootstrapServers())
                .topic(topics.raw()).build()) {
            return publisher.publish(List.of(input.toString()), ProgressListener.NONE);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        p.putAll(extra);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record to the raw topic and waits for the broker's acknowledgement. */
    private static RecordMetadata send(String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(Map.of())) {
            return p.send(new ProducerRecord<>(names.raw(), key == null ? null : bytes(key), value)).get();
        }
    }

    private static byte[] avroBytes(RawArticle r) {
        return topics.raw().valueSerde().serializer().serialize(names.raw(), r);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- waiting and reading topics -----------------------------------------------------------------

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!check.ok()) {
            assertHealthy();
            if (System.nanoTime() > deadline) throw new AssertionError("gave up after " + PATIENCE + " waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertHealthy() {
        assertThat(streams.failures()).as("failed stages").isEmpty();
        assertThat(toSqlite.failure()).as("the SQLite sink's failure").isEmpty();
        assertThat(toPostgres.failure()).as("the PostgreSQL sink's failure").isEmpty();
    }

    /** Every stage and both sinks have committed everything there is (no lag, ends unchanged on three looks). */
    private static void awaitDrained(String what) throws InterruptedException {
        Map<String, Set<String>> groups = new LinkedHashMap<>(streams.groups());
        Set<String> stored = Set.of(names.events(), names.alerts(), names.aggregates());
        groups.put(toSqlite.config().groupId(), stored);
        groups.put(toPostgres.config().groupId(), stored);
        awaitDrained(groups, what, () -> {
            assertHealthy();
            return true;
        });
    }

    private static void awaitDrained(Map<String, Set<String>> groups, String what, BooleanSupplier healthy)
            throws InterruptedException {
        LagWatcher watcher = new LagWatcher(admin, Duration.ofSeconds(10), groups);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        AtomicReference<LagWatcher.Snapshot> last = new AtomicReference<>();
        boolean drained = watcher.awaitDrained(Duration.ofMillis(250), 3,
                () -> healthy.getAsBoolean() && System.nanoTime() < deadline, last::set);
        if (!drained) {
            throw new AssertionError("gave up after " + PATIENCE + " waiting for the pipeline to take " + what + ": lag "
                    + (last.get() == null ? "unknown" : last.get().lagByGroup()) + "; stages " + streams.describeStates());
        }
    }

    /** Reads the topic from the start (read_committed, as the sink does) until {@code done} holds. */
    private static <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic, Predicate<List<ConsumerRecord<K, V>>> done) {
        Map<String, Object> c = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> seen = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(c, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gave up after " + PATIENCE + " reading " + topic.name() + " (" + seen.size()
                            + " records seen)");
                }
                consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
            }
        }
        return seen;
    }

    /** The first raw article (Avro or JSON) that matches; unreadable records are passed over. */
    private static RawArticle rawArticle(Predicate<RawArticle> wanted) {
        AtomicReference<RawArticle> found = new AtomicReference<>();
        Topic<byte[], byte[]> raw = new Topic<>(names.raw(), Serdes.ByteArray(), Serdes.ByteArray());
        readUntil(raw, list -> {
            for (ConsumerRecord<byte[], byte[]> r : list) {
                try {
                    RawArticle a = topics.raw().valueSerde().deserializer().deserialize(names.raw(), r.value());
                    if (a != null && wanted.test(a)) {
                        found.set(a);
                        return true;
                    }
                } catch (RuntimeException unreadable) {
                    // a bad record of another test
                }
            }
            return false;
        });
        return found.get();
    }

    private static Set<String> pairTypes(List<ConsumerRecord<String, CooperationEvent>> events, String articleId) {
        Set<String> out = new TreeSet<>();
        for (ConsumerRecord<String, CooperationEvent> r : events) {
            if (r.value().getArticleId().equals(articleId)) out.add(r.value().getPair() + " " + r.value().getType());
        }
        return out;
    }

    private static Set<String> ids(List<CooperationEvent> events) {
        Set<String> out = new TreeSet<>();
        for (CooperationEvent e : events) out.add(e.getEventId());
        return out;
    }

    private static Set<String> dlqKeys(List<ConsumerRecord<byte[], byte[]>> list) {
        Set<String> out = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : list) {
            if (r.key() != null) out.add(new String(r.key(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ---- the databases --------------------------------------------------------------------------------

    private record EventRow(String eventId, String articleId, String pair, String type, List<String> sectors,
                            String modality, Instant eventTime, String storyId) {}

    private record AggregateRow(String aggregateId, String granularity, String pair, long count, long articles,
                                List<String> articleIds) {}

    private static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        if (url.startsWith("jdbc:sqlite:")) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000"); // the sink writes while we read
            }
        }
        return c;
    }

    private static List<EventRow> eventRows(String url, Set<String> articleIds) throws SQLException, IOException {
        List<EventRow> out = new ArrayList<>();
        Dialect dialect = Dialect.forUrl(url);
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_id, article_id, pair, type, sectors, modality, event_time,"
                     + " story_id FROM events")) {
            while (rs.next()) {
                if (articleIds != null && !articleIds.contains(rs.getString("article_id"))) continue;
                out.add(new EventRow(rs.getString("event_id"), rs.getString("article_id"), rs.getString("pair"),
                        rs.getString("type"), strings(rs.getString("sectors")), rs.getString("modality"),
                        dialect.readTime(rs, "event_time"), rs.getString("story_id")));
            }
        }
        return out;
    }

    private static Map<String, AggregateRow> aggregateRows(String url) throws SQLException, IOException {
        Map<String, AggregateRow> out = new TreeMap<>();
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT aggregate_id, granularity, pair, count, articles, article_ids FROM aggregates")) {
            while (rs.next()) {
                out.put(rs.getString(1), new AggregateRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), strings(rs.getString(6))));
            }
        }
        return out;
    }

    /** Alert id → the article ids it names. */
    private static Map<String, List<String>> alertArticles(String url) throws SQLException, IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT alert_id, article_ids FROM alerts")) {
            while (rs.next()) out.put(rs.getString(1), strings(rs.getString(2)));
        }
        return out;
    }

    private static Map<String, Long> tableCounts(String url) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String table : List.of("events", "alerts", "aggregates")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static long countBatchRows(String url) throws SQLException {
        try (Connection c = connect(url);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE article_id LIKE ?")) {
            ps.setString(1, "e2e-batch-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> strings(String jsonArray) throws IOException {
        List<String> out = new ArrayList<>();
        if (jsonArray == null) return out;
        for (JsonNode n : JSON.readTree(jsonArray)) out.add(n.asText());
        return out;
    }

    /**
     * Every stored aggregate counts exactly the distinct stories of the stored factual events in its window,
     * pair, type and sector, and every such combination has its aggregate: nothing lost or counted twice
     * between events and aggregates.
     */
    private static void assertAggregatesAgreeWithEvents(String url) throws SQLException, IOException {
        Map<String, Set<String>> stories = new TreeMap<>();
        for (EventRow e : eventRows(url, null)) {
            if (!CooperationEvents.FACTUAL.contains(e.modality())) continue;
            List<String> sectors = e.sectors().isEmpty() ? List.of(Aggregates.NO_SECTOR) : e.sectors();
            for (Granularity g : Granularity.values()) {
                long start = g.windowStart(e.eventTime().toEpochMilli());
                for (String sector : new TreeSet<>(sectors)) {
                    stories.computeIfAbsent(Aggregates.aggregateId(g, e.pair(), e.type(), sector, start), k -> new TreeSet<>())
                            .add(e.storyId() == null ? e.articleId() : e.storyId());
                }
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        stories.forEach((id, s) -> expected.put(id, (long) s.size()));
        Map<String, Long> stored = new TreeMap<>();
        aggregateRows(url).forEach((id, a) -> stored.put(id, a.count()));
        assertThat(stored).as(Dialect.forUrl(url).id() + ": aggregates against the stored events").isEqualTo(expected);
    }
}
