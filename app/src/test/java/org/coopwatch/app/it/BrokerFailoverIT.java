package org.coopwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.app.pipeline.SinkSettings;
import org.coopwatch.app.pipeline.StreamsRunner;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.sink.Sink;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a real three-broker cluster (Kafka's own {@link KafkaClusterTestKit}: one KRaft
 * controller, three brokers in this JVM) with the replication a production cluster gets: every topic,
 * changelog and repartition topic with 3 replicas and min.insync.replicas 2, transactions the same.
 * Mid-stream, the broker leading the most partitions of the raw and events topics is shut down while
 * articles keep arriving, and is started again later. Nothing may be lost or written twice: the events
 * topic (read_committed) and the SQLite sink must hold exactly the events the classifier gives.
 */
class BrokerFailoverIT {

    /** A bound on waiting for records to come through, never an assertion on speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String PREFIX = "failover-";
    private static final String[][] PAIRS = {{"India", "Russia"}, {"China", "Brazil"}, {"Japan", "India"},
        {"France", "Germany"}, {"Indonesia", "Australia"}, {"Egypt", "Saudi Arabia"}};
    private static final String[] DEEDS = {"signed an agreement on energy cooperation",
        "held talks on defence cooperation", "agreed to expand trade cooperation"};

    @TempDir
    static Path dir;

    private static KafkaClusterTestKit cluster;
    private static Admin admin;
    private static CoopwatchConfig config;
    private static TopicNames names;
    private static Topics topics;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3)
                        .setBaseDirectory(dir.resolve("cluster")).build())
                // internal topics as a production cluster has them: a transaction survives one broker down
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = cluster.admin();
        config = CoopwatchConfig.resolve(Map.of(
                CoopwatchConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                CoopwatchConfig.DATA_DIR, dir.resolve("data").toString(),
                CoopwatchConfig.PARTITIONS, "3",
                "streams.commit.interval.ms", "200"), Map.of(), null);
        names = config.topicNames();
        topics = config.topics();
        TopicAdmin topicAdmin = new TopicAdmin(admin, Duration.ofSeconds(60));
        assertThat(topicAdmin.brokerCount()).isEqualTo(3);
        topicAdmin.ensure(TopicAdmin.specs(config, topicAdmin.brokerCount()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) admin.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void aBrokerGoingDownMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        // as the launcher creates them: three replicas, two in sync to accept a write
        TopicDescription raw = describe(names.raw());
        assertThat(raw.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, names.events()))).all().get()
                .values().iterator().next().get("min.insync.replicas").value()).isEqualTo("2");

        Classifier classifier = Classifier.load();
        List<RawArticle> batch = new ArrayList<>();
        Map<String, Set<String>> expected = new HashMap<>();
        for (int i = 0; i < 90; i++) {
            String[] pair = PAIRS[i % PAIRS.length];
            String text = pair[0] + " and " + pair[1] + " " + DEEDS[(i / PAIRS.length) % DEEDS.length]
                    + " on day " + i + " of the talks.";
            RawArticle r = RawArticle.newBuilder().setId(PREFIX + i).setText(text).setTitle(null).setUrl(null)
                    .setSource("failover-test").setLanguageHint(null).setPublished(null).setIngested(Instant.now())
                    .setContentHash(ArticleIds.contentHash(text)).build();
            batch.add(r);
            expected.put(r.getId(), expectedEvents(classifier, r));
        }
        assertThat(expected.values()).allSatisfy(e -> assertThat(e).isNotEmpty());
        long expectedCount = expected.values().stream().mapToLong(Set::size).sum();

        StreamsRunner streams = new StreamsRunner(config, EnumSet.allOf(Stage.class));
        Sink sink = null;
        ExecutorService background = Executors.newSingleThreadExecutor();
        int victim;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            streams.start();
            sink = new Sink(SinkSettings.from(config)).start();
            assertThat(streams.awaitRunning(PATIENCE)).as(streams.describeStates()).isTrue();
            String sqlite = SinkSettings.jdbcUrl(config);

            for (RawArticle r : batch.subList(0, 30)) send(producer, r);
            producer.flush();
            await("a first event in SQLite", () -> countRows(sqlite) > 0);

            victim = busiestLeader(List.of(names.raw(), names.events()));
            Future<?> rest = background.submit(() -> {
                for (RawArticle r : batch.subList(30, batch.size())) {
                    send(producer, r);
                    Thread.sleep(30);
                }
                producer.flush();
                return null;
            });
            long atFailure = countRows(sqlite);
            cluster.brokers().get(victim).shutdown();
            cluster.brokers().get(victim).awaitShutdown();
            // with one of three brokers gone, every partition has a new leader and still two in-sync copies
            await("new leaders on the two live brokers", () -> describe(names.raw()).partitions().stream()
                    .allMatch(p -> p.leader() != null && p.leader().id() != victim));
            await("half of the articles stored while a broker is down",
                    () -> countRows(sqlite) >= expectedCount / 2);
            long whileDown = countRows(sqlite);
            cluster.restartBroker(victim, Map.of());
            rest.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            await("every event in SQLite", () -> countRows(sqlite) >= expectedCount);
            System.out.printf(Locale.ROOT, "BrokerFailoverIT: broker %d down with %d of %d events stored, %d stored "
                    + "while it was down%n", victim, atFailure, expectedCount, whileDown);

            List<String> onTopic = readEventIds(expectedCount);
            assertThat(onTopic).as("exactly once on " + names.events() + " (read_committed)")
                    .doesNotHaveDuplicates().hasSize((int) expectedCount);
            assertThat(countRows(sqlite)).as("exactly once in SQLite").isEqualTo(expectedCount);
            Set<String> stored = storedPairTypes(sqlite);
            Set<String> want = new TreeSet<>();
            expected.forEach((id, events) -> events.forEach(e -> want.add(id + " " + e)));
            assertThat(stored).isEqualTo(want);
            assertThat(streams.failures()).isEmpty();
        } finally {
            background.shutdownNow();
            streams.close();
            if (sink != null) sink.close();
        }
    }

    private static Set<String> expectedEvents(Classifier classifier, RawArticle r) {
        Analysis a = classifier.classify(new Article(r.getId(), r.getText(), null, null));
        Set<String> out = new TreeSet<>();
        for (Analysis.Interaction i : a.interactions()) {
            out.add(ArticleIds.pair(i.source(), i.target()) + " " + i.type().name());
        }
        return out;
    }

    /** The broker that leads the most partitions of these topics. */
    private static int busiestLeader(Collection<String> topicNames) throws Exception {
        Map<Integer, Integer> led = new HashMap<>();
        for (String t : topicNames) {
            for (TopicPartitionInfo p : describe(t).partitions()) led.merge(p.leader().id(), 1, Integer::sum);
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, RawArticle r) {
        producer.send(new ProducerRecord<>(names.raw(), r.getId().getBytes(StandardCharsets.UTF_8),
                topics.raw().valueSerde().serializer().serialize(names.raw(), r)));
    }

    /** Event ids of this test's articles on the events topic, as a read_committed consumer sees them. */
    private static List<String> readEventIds(long expected) throws Exception {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "failover-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, CooperationEvent> c = new KafkaConsumer<>(props,
                topics.events().keySerde().deserializer(), topics.events().valueSerde().deserializer())) {
            c.subscribe(List.of(names.events()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long quietUntil = Long.MAX_VALUE;
            // read until everything expected is there, then a little longer to catch any duplicate
            while (System.nanoTime() < deadline && System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, CooperationEvent> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && r.value().getArticleId().startsWith(PREFIX)) ids.add(r.value().getEventId());
                }
                if (ids.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return ids;
    }

    private static long countRows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE article_id LIKE '" + PREFIX + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> storedPairTypes(String url) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT article_id, pair, type FROM events WHERE article_id LIKE '"
                     + PREFIX + "%'")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
        return out;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for " + what);
            Thread.sleep(200);
        }
    }
}
