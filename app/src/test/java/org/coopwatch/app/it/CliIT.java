package org.coopwatch.app.it;

import static org.coopwatch.app.CliCapture.cli;

import org.coopwatch.app.CliCapture.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.LagWatcher;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.broker.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's Kafka tools against one real embedded broker. */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }


    private CoopwatchConfig config(Map<String, String> extra) {
        Map<String, String> flags = new java.util.HashMap<>(extra);
        flags.put(CoopwatchConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        return CoopwatchConfig.resolve(flags, Map.of(), null);
    }

    @Test
    void topicAdminCreatesWhatIsMissingAndReportsDifferencesWithoutChangingThem() throws Exception {
        String prefix = "ta" + UNIQUE.incrementAndGet() + ".";
        CoopwatchConfig config = config(Map.of(
                "topic.raw", prefix + "raw", "topic.enriched", prefix + "enriched", "topic.events", prefix + "events",
                "topic.alerts", prefix + "alerts", "topic.aggregates", prefix + "aggregates", "topic.dlq", prefix + "dlq",
                "topic.partitions", "4"));
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(new NewTopic(prefix + "alerts", 2, (short) 1))).all().get();
            TopicAdmin topics = new TopicAdmin(admin, config.connectTimeout());
            assertThat(topics.brokerCount()).isEqualTo(1);

            List<TopicAdmin.TopicState> first = topics.ensure(TopicAdmin.specs(config, 1));
            assertThat(first).extracting(TopicAdmin.TopicState::name)
                    .containsExactly(prefix + "raw", prefix + "enriched", prefix + "events", prefix + "alerts",
                            prefix + "aggregates", prefix + "dlq");
            assertThat(first).filteredOn(TopicAdmin.TopicState::created).hasSize(5);
            TopicAdmin.TopicState alerts = first.get(3);
            assertThat(alerts.created()).isFalse();
            assertThat(alerts.partitions()).isEqualTo(2);
            assertThat(alerts.difference()).isEqualTo("2 partitions, configured 4");
            assertThat(first.get(0).partitions()).isEqualTo(4);
            assertThat(first.get(0).replicationFactor()).isEqualTo(1);

            List<TopicAdmin.TopicState> second = topics.ensure(TopicAdmin.specs(config, 1));
            assertThat(second).noneMatch(TopicAdmin.TopicState::created);
            assertThat(second.get(3).partitions()).isEqualTo(2); // never altered

            String raw = prefix + "raw";
            var rawConfig = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, raw))).all().get().values().iterator().next();
            assertThat(rawConfig.get("max.message.bytes").value()).isEqualTo(String.valueOf(8 << 20));
        }
    }

    @Test
    void lagWatcherSeesUnreadRecordsAndThenADrainedGroup() throws Exception {
        String topic = "lag" + UNIQUE.incrementAndGet();
        String group = topic + "-group";
        CoopwatchConfig config = config(Map.of());
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(props(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic),
                    new StringSerializer(), new StringSerializer())) {
                p.initTransactions();
                p.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    p.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
                }
                p.commitTransaction();
            }
            LagWatcher watcher = new LagWatcher(admin, Duration.ofSeconds(15), Map.of(group, Set.of(topic)));
            LagWatcher.Snapshot before = watcher.snapshot();
            // lag counts offsets: the 5 records and the commit marker of each partition written to
            assertThat(before.lagByGroup().get(group)).isEqualTo(before.endOffsetSum()).isBetween(6L, 8L);

            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps(group),
                    new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of(topic));
                int read = 0;
                for (int i = 0; i < 60 && read < 5; i++) {
                    read += c.poll(Duration.ofSeconds(1)).count();
                }
                assertThat(read).isEqualTo(5);
                c.commitSync();
            }
            LagWatcher.Snapshot after = watcher.snapshot();
            assertThat(after.totalLag()).isZero();
            assertThat(after.endOffsetSum()).isEqualTo(before.endOffsetSum());
            assertThat(watcher.awaitDrained(Duration.ofMillis(100), 2, () -> true, s -> { })).isTrue();
        }
    }

    @Test
    void tailPrintsDecodedRecordsAndDeadLettersWithTheirHeaders() throws Exception {
        try (Admin admin = KafkaClients.admin(config(Map.of()))) {
            new TopicAdmin(admin, Duration.ofSeconds(15)).ensure(TopicAdmin.specs(config(Map.of()), 1));
        }
        String id = "tail-" + UNIQUE.incrementAndGet();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props(null, null),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("articles.raw", id.getBytes(StandardCharsets.UTF_8),
                    ("{\"id\":\"" + id + "\",\"text\":\"भारत और रूस ने समझौता किया\",\"language\":\"hi\"}")
                            .getBytes(StandardCharsets.UTF_8))).get();
            ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>("coopwatch.dlq", null,
                    id.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
            dead.headers().add("__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException"
                    .getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.topic", "articles.raw".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("__streams.errors.offset", "42".getBytes(StandardCharsets.UTF_8));
            p.send(dead).get();
        }

        Result raw = cli("-b", kafka.bootstrapServers(), "tail", "articles.raw", "--from-beginning", "--no-follow");
        assertThat(raw.exit()).isZero();
        JsonNode article = lines(raw.out()).stream().filter(n -> n.path("key").asText().equals(id)).findFirst().orElseThrow();
        assertThat(article.path("value").path("text").asText()).isEqualTo("भारत और रूस ने समझौता किया");
        assertThat(article.path("value").path("languageHint").asText()).isEqualTo("hi");
        assertThat(article.path("topic").asText()).isEqualTo("articles.raw");

        Result dlq = cli("-b", kafka.bootstrapServers(), "tail", "coopwatch.dlq", "--from-beginning", "--no-follow");
        assertThat(dlq.exit()).isZero();
        JsonNode dead = lines(dlq.out()).stream().filter(n -> n.path("key").asText().equals(id)).findFirst().orElseThrow();
        assertThat(dead.path("headers").path("__streams.errors.topic").asText()).isEqualTo("articles.raw");
        assertThat(dead.path("headers").path("__streams.errors.offset").asText()).isEqualTo("42");
        assertThat(dead.path("payloadBytes").asInt()).isEqualTo(5);
        assertThat(dead.path("payload").path("error").asText()).startsWith("cannot decode as articles.raw");
        assertThat(dead.path("payload").path("preview").asText()).isEqualTo("0xc301010203");
    }

    @Test
    void tailStopsAfterMax() throws Exception {
        String topic = "max" + UNIQUE.incrementAndGet();
        try (Admin admin = KafkaClients.admin(config(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props(null, null),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 4; i++) {
                p.send(new ProducerRecord<>(topic, "k", "plain text " + i));
            }
        }
        Result r = cli("-b", kafka.bootstrapServers(), "tail", topic, "--from-beginning", "--max", "3");
        assertThat(r.exit()).isZero();
        assertThat(lines(r.out())).extracting(n -> n.path("value").asText())
                .containsExactly("plain text 0", "plain text 1", "plain text 2");
    }

    /**
     * produce's and run's long-running sources: a feed and a watched folder publish through one publisher
     * until closed; a restart on the same data folder publishes nothing again.
     */
    @Test
    void liveSourcesPublishAFeedAndAWatchedFolderOnce() throws Exception {
        String topic = "live" + UNIQUE.incrementAndGet() + ".raw";
        try (Admin admin = KafkaClients.admin(config(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            awaitVisible(admin, topic);
        }
        Path inbox = java.nio.file.Files.createDirectories(dir.resolve(topic + "-inbox"));
        java.nio.file.Files.writeString(inbox.resolve("note.en.txt"), "Japan and India agree on a rail loan\n"
                + "Japan and India signed a loan agreement for a high-speed rail line on Friday.\n", StandardCharsets.UTF_8);
        try (LocalHttp http = new LocalHttp()) {
            http.feedWithOneArticle("/feed.rss", "/pages/a.html", "Brazil and Chile agree on a trade pact",
                    "Brazil and Chile signed a trade agreement on Monday in Santiago, the two governments said.");
            CoopwatchConfig config = config(Map.of("topic.raw", topic, "data.dir", dir.resolve(topic + "-data").toString(),
                    "producer.feeds", http.base() + "/feed.rss", "producer.watch", inbox.toString(),
                    "producer.poll.interval", "1h"));
            org.coopwatch.app.pipeline.ProducerSettings settings = org.coopwatch.app.pipeline.ProducerSettings.from(config);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream errOut = new PrintStream(err, true, StandardCharsets.UTF_8);
            org.coopwatch.producer.source.ReadOptions read = org.coopwatch.producer.source.ReadOptions.defaults();

            List<String> keys;
            try (org.coopwatch.producer.ArticlePublisher publisher = org.coopwatch.producer.ArticlePublisher.builder()
                    .bootstrapServers(kafka.bootstrapServers()).topic(config.topics().raw()).readOptions(read).build()) {
                org.coopwatch.app.pipeline.LiveSources live =
                        new org.coopwatch.app.pipeline.LiveSources(settings, publisher, read, errOut);
                assertThat(live.describe()).isEqualTo("1 feed polled every 1h; folder " + inbox + " watched for new files");
                live.start();
                keys = readKeys(topic, 2);
                live.close();
                assertThat(live.published()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
                assertThat(live.failures()).isEmpty();

                // a restart: the feed's item is remembered, nothing is published again
                try (org.coopwatch.app.pipeline.LiveSources again =
                             new org.coopwatch.app.pipeline.LiveSources(settings, publisher, read, errOut)) {
                    assertThat(again.pollFeedsOnce().published()).isZero();
                }
            }
            assertThat(keys).hasSize(2).contains(http.base() + "/pages/a.html");
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("feeds: polled 1 feed: 0 unchanged, 1 new item, 1 published");
            assertThat(readKeys(topic, 2)).hasSize(2);
        }
    }

    /** A created topic can take a moment to reach the broker's metadata, where the publisher's check looks. */
    private static void awaitVisible(Admin admin, String topic) throws Exception {
        for (int i = 0; ; i++) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || i >= 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The keys of a topic's records, reading until {@code expected} arrived (or a minute passed). */
    private static List<String> readKeys(String topic, int expected) {
        List<String> keys = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProps(topic + "-" + UNIQUE.incrementAndGet()),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            for (int i = 0; i < 60 && keys.size() < expected; i++) {
                c.poll(Duration.ofSeconds(1)).forEach(rec -> keys.add(rec.key()));
            }
            // anything beyond the expected records would show up here
            c.poll(Duration.ofSeconds(1)).forEach(rec -> keys.add(rec.key()));
        }
        return keys;
    }

    @Test
    void anUnreachableBrokerIsOneClearLineAndExitCodeOne() {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Result r = cli("-b", "127.0.0.1:" + closedPort, "-D", "connect.timeout=2s", "tail", "alerts");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("coopwatch tail: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 2 s")
                .doesNotContain("\tat ");
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryIsRefused() {
        Result r = cli("broker", "--port", "0", "--data-dir", kafka.dataDir().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("another broker is already using the data directory " + kafka.dataDir());
    }

    private static List<JsonNode> lines(String out) {
        return out.lines().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        if (key != null) {
            p.put(key, value);
        }
        return p;
    }

    private static Properties consumerProps(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
