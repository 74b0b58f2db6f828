package org.coopwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.sink.db.PostgresSupport;
import org.coopwatch.sink.db.Records;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink on a real broker: transactional producers write events, alerts and aggregates; the sink
 * stores them in SQLite and PostgreSQL and JSON Lines. One broker for the class; every test has its
 * own topics, groups and database.
 */
class SinkIT {

    private static final int PARTITIONS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TX_IDS = new AtomicInteger();

    @TempDir
    static Path brokerDir;

    private static EmbeddedKafka kafka;
    private static Admin admin;
    private static PostgresSupport postgres;

    @TempDir
    Path dir;

    private TopicNames names;
    private Topics topics;

    @BeforeAll
    static void startBroker() throws SQLException {
        kafka = EmbeddedKafka.start(brokerDir, 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        postgres = new PostgresSupport("sink");
    }

    @AfterAll
    static void stopBroker() throws SQLException {
        if (admin != null) admin.close();
        if (kafka != null) kafka.close();
        if (postgres != null) postgres.close();
    }

    /** Topics of this test only: {@code <test>.events} and so on. */
    private void createTopics(TestInfo test) throws Exception {
        String p = test.getTestMethod().orElseThrow().getName() + ".";
        names = TopicNames.withOverrides(Map.of("events", p + "events", "alerts", p + "alerts",
                "aggregates", p + "aggregates", "dlq", p + "dlq"));
        topics = new Topics(names);
        List<NewTopic> newTopics = new ArrayList<>();
        for (String t : List.of(names.events(), names.alerts(), names.aggregates(), names.dlq())) {
            newTopics.add(new NewTopic(t, PARTITIONS, (short) 1));
        }
        admin.createTopics(newTopics).all().get();
    }

    private SinkConfig.Builder config(String jdbcUrl, String group) {
        return SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics(names)
                .groupId(group)
                .jdbcUrl(jdbcUrl)
                .outputDir(dir.resolve("out-" + group))
                .pollTimeout(Duration.ofMillis(200))
                .clientProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50); // many batches, so stops land mid-stream

    }

    private String sqliteUrl() {
        return "jdbc:sqlite:" + dir.resolve("coopwatch.db");
    }

    // ---- the data ----------------------------------------------------------------------------------

    /** {@code n} events over a few pairs, distinct ids. */
    private static List<CooperationEvent> events(String tag, int n) {
        String[][] pairs = {{"IND", "RUS"}, {"CHN", "IND"}, {"RUS", "USA"}, {"BRA", "IND"}};
        List<CooperationEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] p = pairs[i % pairs.length];
            out.add(Records.event(tag + i, p[0], p[1], "AGREE", 0.5 + (i % 5) / 10.0));
        }
        return out;
    }

    private static List<Alert> alerts(String tag, int n) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Records.alert(tag + i + "|IND|RUS|AGREE", i + 1));
        return out;
    }

    /** Hourly aggregates of two windows, each updated three times (counts 1, 2, 3): the last must win. */
    private static List<Aggregate> aggregateUpdates() {
        List<Aggregate> out = new ArrayList<>();
        for (long count = 1; count <= 3; count++) {
            for (int w = 0; w < 2; w++) {
                out.add(Records.aggregate("IND-RUS", Records.T0.plusSeconds(3600L * w), count));
                out.add(Records.aggregate("CHN-IND", Records.T0.plusSeconds(3600L * w), count));
            }
        }
        return out;
    }

    private KafkaProducer<String, byte[]> transactionalProducer() {
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sink-it-" + TX_IDS.incrementAndGet(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        p.initTransactions();
        return p;
    }

    /** Sends everything in one transaction, keyed by pair as the pipeline does. */
    private void produce(KafkaProducer<String, byte[]> p, List<CooperationEvent> events, List<Alert> alerts,
                         List<Aggregate> aggregates, boolean commit) {
        p.beginTransaction();
        for (CooperationEvent e : events) {
            p.send(new ProducerRecord<>(names.events(), e.getPair(), topics.events().valueSerde().serializer()
                    .serialize(names.events(), e)));
        }
        for (Alert a : alerts) {
            p.send(new ProducerRecord<>(names.alerts(), a.getPair(), topics.alerts().valueSerde().serializer()
                    .serialize(names.alerts(), a)));
        }
        for (Aggregate g : aggregates) {
            p.send(new ProducerRecord<>(names.aggregates(), g.getPair(), topics.aggregates().valueSerde().serializer()
                    .serialize(names.aggregates(), g)));
        }
        p.flush(); // the records are in the log either way; only the marker differs
        if (commit) p.commitTransaction(); else p.abortTransaction();
    }

    private void produceCommitted(List<CooperationEvent> events, List<Alert> alerts, List<Aggregate> aggregates) {
        try (KafkaProducer<String, byte[]> p = transactionalProducer()) {
            produce(p, events, alerts, aggregates, true);
        }
    }

    // ---- waiting and reading -----------------------------------------------------------------------

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for: " + what);
            Thread.sleep(100);
        }
    }

    /**
     * The group committed every partition of the three topics up to its end, and no transaction is
     * pending there. (A producer's commit returns before the brokers write the markers; until then the
     * last stable offset still stops short of the new records, so it alone could say "caught up" early.)
     */
    private boolean caughtUp(String group) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String t : List.of(names.events(), names.alerts(), names.aggregates())) {
                for (int p = 0; p < PARTITIONS; p++) latest.put(new TopicPartition(t, p), OffsetSpec.latest());
            }
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            for (var e : stable.entrySet()) {
                long end = e.getValue().offset();
                if (end != high.get(e.getKey()).offset()) return false;
                OffsetAndMetadata c = committed.get(e.getKey());
                long at = c == null ? 0 : c.offset();
                if (at != end) return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void awaitCaughtUp(String group, Sink sink) throws InterruptedException {
        await("group " + group + " to commit everything", () -> {
            if (sink.failure().isPresent()) throw new AssertionError("sink failed", sink.failure().get());
            return caughtUp(group);
        });
    }

    private static Set<String> ids(String jdbcUrl, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static long count(String jdbcUrl, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> aggregateCounts(String jdbcUrl) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT aggregate_id, count FROM aggregates")) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) out.add(JSON.readTree(line));
        return out;
    }

    private static Set<String> idsOf(List<? extends SpecificRecord> records, String field) {
        Set<String> out = new TreeSet<>();
        for (SpecificRecord r : records) out.add(r.get(r.getSchema().getField(field).pos()).toString());
        return out;
    }

    // ---- tests -------------------------------------------------------------------------------------

    @Test
    void storesCommittedRecordsInSqliteAndPostgresAndAReplayAddsNoRows(TestInfo test) throws Exception {
        createTopics(test);
        List<CooperationEvent> events = events("a", 120);
        List<Alert> alerts = alerts("a", 8);
        List<Aggregate> aggregates = aggregateUpdates();
        produceCommitted(events, alerts, aggregates);

        String sqlite = sqliteUrl();
        String pg = postgres.jdbcUrl();
        try (Sink toSqlite = new Sink(config(sqlite, "to-sqlite").build()).start();
             Sink toPostgres = new Sink(config(pg, "to-postgres").build()).start()) {
            awaitCaughtUp("to-sqlite", toSqlite);
            awaitCaughtUp("to-postgres", toPostgres);

            for (String url : List.of(sqlite, pg)) {
                assertThat(ids(url, "SELECT event_id FROM events")).as(url).isEqualTo(idsOf(events, "eventId"));
                assertThat(ids(url, "SELECT alert_id FROM alerts")).as(url).isEqualTo(idsOf(alerts, "alertId"));
                assertThat(aggregateCounts(url)).as("the last update of each window wins in " + url)
                        .hasSize(4).allSatisfy((id, count) -> assertThat(count).isEqualTo(3L));
            }
            assertThat(toSqlite.stats().snapshot().events()).isEqualTo(120);
            assertThat(toSqlite.stats().snapshot().aggregates()).isEqualTo(12);

            // the same records again, as a producer retrying after a timeout or a re-run would send them
            produceCommitted(events, alerts, aggregates);
            awaitCaughtUp("to-sqlite", toSqlite);
            awaitCaughtUp("to-postgres", toPostgres);
            assertThat(toSqlite.stats().snapshot().events()).as("the replay was read").isEqualTo(240);
            for (String url : List.of(sqlite, pg)) {
                assertThat(count(url, "events")).as(url).isEqualTo(120);
                assertThat(count(url, "alerts")).as(url).isEqualTo(8);
                assertThat(aggregateCounts(url)).as(url).hasSize(4).allSatisfy((id, count) -> assertThat(count).isEqualTo(3L));
            }
        }

        // JSON Lines are append-only: both copies are there, one JSON object per line
        List<JsonNode> lines = jsonLines(dir.resolve("out-to-sqlite/events.jsonl"));
        assertThat(lines).hasSize(240);
        assertThat(lines).allSatisfy(n -> assertThat(n.get("eventId").asText()).startsWith("a"));
        assertThat(jsonLines(dir.resolve("out-to-sqlite/alerts.jsonl"))).hasSize(16);
        assertThat(jsonLines(dir.resolve("out-to-sqlite/aggregates.jsonl"))).hasSize(24);

        // a new group over the same database reads the topics from the start: still no new rows
        try (Sink again = new Sink(config(sqlite, "to-sqlite-again").build()).start()) {
            awaitCaughtUp("to-sqlite-again", again);
            assertThat(again.stats().snapshot().events()).isEqualTo(240);
        }
        assertThat(count(sqlite, "events")).isEqualTo(120);
        assertThat(count(sqlite, "alerts")).isEqualTo(8);
        assertThat(count(sqlite, "aggregates")).isEqualTo(4);
    }

    @Test
    void abortedTransactionsNeverLand(TestInfo test) throws Exception {
        createTopics(test);
        try (KafkaProducer<String, byte[]> p = transactionalProducer()) {
            produce(p, events("before", 10), alerts("before", 2), List.of(), true);
            produce(p, events("aborted", 10), alerts("aborted", 2),
                    List.of(Records.aggregate("IND-RUS", Records.T0, 99)), false);
            produce(p, events("after", 10), alerts("after", 2), List.of(Records.aggregate("IND-RUS", Records.T0, 5)), true);
        }
        String sqlite = sqliteUrl();
        try (Sink sink = new Sink(config(sqlite, "committed-only").build()).start()) {
            awaitCaughtUp("committed-only", sink);
        }
        Set<String> stored = ids(sqlite, "SELECT article_id FROM events");
        assertThat(stored).hasSize(20).allSatisfy(id -> assertThat(id).doesNotStartWith("aborted"));
        assertThat(ids(sqlite, "SELECT alert_id FROM alerts")).hasSize(4).noneMatch(id -> id.contains("aborted"));
        assertThat(aggregateCounts(sqlite)).containsOnlyKeys(Records.aggregate("IND-RUS", Records.T0, 5).getAggregateId())
                .containsValue(5L);
        assertThat(jsonLines(dir.resolve("out-committed-only/events.jsonl")))
                .hasSize(20).noneMatch(n -> n.get("articleId").asText().startsWith("aborted"));
    }

    /** Thrown by a listener to stop the sink like a crash: after the database commit, before the offset commit. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the database commit");
        }
    }

    @Test
    void stoppingAndCrashingMidStreamLoseNothingAndDuplicateNothing(TestInfo test) throws Exception {
        createTopics(test);
        String pg = postgres.jdbcUrl();
        String sqlite = sqliteUrl();
        String group = "restarts";
        int transactions = 30;
        int perTransaction = 40;
        Set<String> expected = new TreeSet<>();
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, byte[]> p = transactionalProducer()) {
                for (int t = 0; t < transactions; t++) {
                    produce(p, events("r" + t + "-", perTransaction), List.of(), List.of(), true);
                }
            }
        }, "sink-it-producer");
        for (int t = 0; t < transactions; t++) expected.addAll(idsOf(events("r" + t + "-", perTransaction), "eventId"));

        producer.start();
        // 1: a clean stop while records are still arriving
        try (Sink first = new Sink(config(sqlite, group).build()).start()) {
            await("the first sink to store something", () -> first.stats().snapshot().events() > 0);
        }
        long afterStop = count(sqlite, "events");
        assertThat(afterStop).isPositive();

        // 2: a crash right after a database commit, before the offsets are committed
        AtomicInteger seen = new AtomicInteger();
        Sink second = new Sink(config(sqlite, group).build());
        second.addListener(new SinkListener() {
            @Override
            public void onEvent(CooperationEvent event) {
                if (seen.incrementAndGet() == 60) throw new SimulatedCrash();
            }
        });
        second.start();
        assertThat(second.awaitTermination(PATIENCE)).isTrue();
        assertThat(second.failure()).containsInstanceOf(SimulatedCrash.class);
        second.close();

        // 3: a sink that runs to the end
        producer.join();
        long total = (long) transactions * perTransaction;
        long storedBefore = count(sqlite, "events");
        try (Sink third = new Sink(config(sqlite, group).build()).start()) {
            awaitCaughtUp(group, third);
            // without redelivery it would read exactly the missing records; the crashed batch comes again
            assertThat(third.stats().snapshot().events()).as("records read by the sink after the crash")
                    .isGreaterThan(total - storedBefore);
        }
        assertThat(ids(sqlite, "SELECT event_id FROM events")).isEqualTo(expected);
        assertThat(count(sqlite, "events")).isEqualTo(total);
        // the JSON Lines hold every record at least once
        Set<String> inJsonl = new TreeSet<>();
        for (JsonNode n : jsonLines(dir.resolve("out-" + group + "/events.jsonl"))) inJsonl.add(n.get("eventId").asText());
        assertThat(inJsonl).isEqualTo(expected);

        // the same history into PostgreSQL from scratch, for the other dialect
        try (Sink toPostgres = new Sink(config(pg, group + "-pg").tablePrefix("restarts_").build()).start()) {
            awaitCaughtUp(group + "-pg", toPostgres);
        }
        assertThat(ids(pg, "SELECT event_id FROM restarts_events")).isEqualTo(expected);
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheReason(TestInfo test) throws Exception {
        createTopics(test);
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> p = transactionalProducer()) {
            p.beginTransaction();
            p.send(new ProducerRecord<>(names.alerts(), "IND-RUS", garbage));
            p.commitTransaction();
        }
        produceCommitted(List.of(), alerts("good", 1), List.of());
        String sqlite = sqliteUrl();
        try (Sink sink = new Sink(config(sqlite, "dlq").build()).start()) {
            awaitCaughtUp("dlq", sink);
            assertThat(sink.stats().snapshot().undecodable()).isEqualTo(1);
            assertThat(sink.stats().snapshot().deadLettered()).isEqualTo(1);
        }
        assertThat(count(sqlite, "alerts")).isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            c.subscribe(List.of(names.dlq()));
            await("the dead letter", () -> {
                c.poll(Duration.ofMillis(200)).forEach(dead::add);
                return !dead.isEmpty();
            });
        }
        ConsumerRecord<byte[], byte[]> r = dead.get(0);
        assertThat(r.value()).isEqualTo(garbage);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("IND-RUS");
        assertThat(header(r, DeadLetters.TOPIC)).isEqualTo(names.alerts());
        assertThat(header(r, DeadLetters.OFFSET)).isEqualTo("0");
        assertThat(header(r, DeadLetters.PARTITION)).matches("[0-2]");
        assertThat(header(r, DeadLetters.EXCEPTION)).endsWith("SerializationException");
        assertThat(header(r, DeadLetters.MESSAGE)).contains("Alert");
        assertThat(header(r, DeadLetters.COMPONENT)).isEqualTo("sink");
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aDatabaseOutageIsRiddenOutWithoutLosingRecords(TestInfo test) throws Exception {
        createTopics(test);
        String app = "coopwatch-sink-outage-" + TX_IDS.incrementAndGet();
        String pg = postgres.jdbcUrl() + "&ApplicationName=" + app;
        try (Sink sink = new Sink(config(pg, "outage").tablePrefix("outage_").maxRetryBackoff(Duration.ofSeconds(1))
                .build()).start()) {
            produceCommitted(events("before", 30), List.of(), List.of());
            awaitCaughtUp("outage", sink);
            // what a PostgreSQL restart does to the sink's session
            assertThat(terminateSessions(app)).isEqualTo(1);
            produceCommitted(events("after", 30), alerts("after", 3), List.of());
            awaitCaughtUp("outage", sink);
            assertThat(sink.stats().snapshot().databaseRetries()).isPositive();
            assertThat(sink.failure()).isEmpty();
        }
        assertThat(count(pg, "outage_events")).isEqualTo(60);
        assertThat(count(pg, "outage_alerts")).isEqualTo(3);
    }

    private static int terminateSessions(String applicationName) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresSupport.SERVER);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, applicationName);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) if (rs.getBoolean(1)) n++;
            }
            return n;
        }
    }

    @Test
    void webhooksGetEveryStoredAlertAndOneThatAlwaysFailsCostsNothingElsewhere(TestInfo test) throws Exception {
        createTopics(test);
        List<Alert> alerts = alerts("w", 6);
        produceCommitted(events("w", 10), alerts, aggregateUpdates());
        List<String> posted = new CopyOnWriteArrayList<>();
        AtomicInteger flakyCalls = new AtomicInteger();
        com.sun.net.httpserver.HttpServer flaky = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        flaky.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // every third call fails: retried, then delivered
            int code = flakyCalls.incrementAndGet() % 3 == 0 ? 500 : 200;
            if (code == 200) posted.add(JSON.readTree(body).get("alert").get("alertId").asText());
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
        });
        flaky.start();
        broken.start();
        String sqlite = sqliteUrl();
        SinkConfig cfg = config(sqlite, "hooked")
                .webhook(org.coopwatch.sink.webhook.Webhook.of("http://127.0.0.1:" + broken.getAddress().getPort() + "/down"))
                .webhook(org.coopwatch.sink.webhook.Webhook.of("http://127.0.0.1:" + flaky.getAddress().getPort() + "/up"))
                .webhookSettings(org.coopwatch.sink.webhook.WebhookSettings.defaults()
                        .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50))
                        .withMaxAge(Duration.ZERO)          // the test alerts were created in 2025
                        .withCloseTimeout(PATIENCE))
                .build();
        List<org.coopwatch.sink.webhook.WebhookStats> stats;
        try (Sink sink = new Sink(cfg).start()) {
            awaitCaughtUp("hooked", sink);
            // everything is stored while the broken webhook is still being retried
            assertThat(ids(sqlite, "SELECT alert_id FROM alerts")).isEqualTo(idsOf(alerts, "alertId"));
            assertThat(count(sqlite, "events")).isEqualTo(10);
        } finally {
            flaky.stop(0);
            broken.stop(0);
        }
        // after close (which drains the queues)
        assertThat(jsonLines(dir.resolve("out-hooked").resolve("alerts.jsonl"))).extracting(n -> n.get("alertId").asText())
                .containsExactlyInAnyOrderElementsOf(idsOf(alerts, "alertId"));
        assertThat(posted).containsExactlyInAnyOrderElementsOf(idsOf(alerts, "alertId"));
    }

    @Test
    void webhookStatsCountDeliveriesAndFailures(TestInfo test) throws Exception {
        createTopics(test);
        List<Alert> alerts = alerts("s", 3);
        produceCommitted(List.of(), alerts, List.of());
        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        broken.start();
        try (Sink sink = new Sink(config(sqliteUrl(), "counted")
                .webhook(org.coopwatch.sink.webhook.Webhook.of("http://127.0.0.1:" + broken.getAddress().getPort() + "/x"))
                .webhookSettings(org.coopwatch.sink.webhook.WebhookSettings.defaults()
                        .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(5)).withMaxAge(Duration.ZERO))
                .build()).start()) {
            awaitCaughtUp("counted", sink);
            await("three failed webhook deliveries", () -> sink.webhookStats().get(0).failed() == 3);
            assertThat(sink.webhookStats()).singleElement().satisfies(s -> {
                assertThat(s.delivered()).isZero();
                assertThat(s.retries()).isEqualTo(3);
                assertThat(s.url()).isEqualTo("http://127.0.0.1:" + broken.getAddress().getPort() + "/x");
            });
            assertThat(sink.stats().snapshot().alerts()).isEqualTo(3);
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void listenersHearEachRecordOnceItsRowIsCommitted(TestInfo test) throws Exception {
        createTopics(test);
        produceCommitted(events("l", 12), alerts("l", 5), aggregateUpdates());
        String sqlite = sqliteUrl();
        List<String> heardAlerts = new CopyOnWriteArrayList<>();
        List<String> missingRows = new CopyOnWriteArrayList<>();
        AtomicInteger heardEvents = new AtomicInteger();
        AtomicInteger heardAggregates = new AtomicInteger();
        try (Sink sink = new Sink(config(sqlite, "listened").build())) {
            sink.addListener(new SinkListener() {
                @Override
                public void onAlert(Alert alert) {
                    heardAlerts.add(alert.getAlertId());
                    // another connection sees the row: the transaction has committed
                    try (Connection c = DriverManager.getConnection(sqlite);
                         PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE alert_id = ?")) {
                        ps.setString(1, alert.getAlertId());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) missingRows.add(alert.getAlertId());
                        }
                    } catch (SQLException e) {
                        missingRows.add(alert.getAlertId() + ": " + e);
                    }
                }

                @Override
                public void onEvent(CooperationEvent event) {
                    heardEvents.incrementAndGet();
                }

                @Override
                public void onAggregate(Aggregate aggregate) {
                    heardAggregates.incrementAndGet();
                    throw new IllegalStateException("a broken listener must not stop the sink");
                }
            });
            sink.start();
            awaitCaughtUp("listened", sink);
            assertThat(sink.failure()).isEmpty();
        }
        assertThat(heardAlerts).containsExactlyInAnyOrderElementsOf(idsOf(alerts("l", 5), "alertId"));
        assertThat(missingRows).isEmpty();
        assertThat(heardEvents).hasValue(12);
        assertThat(heardAggregates).hasValue(12);
        assertThat(count(sqlite, "aggregates")).isEqualTo(4);
    }
}
