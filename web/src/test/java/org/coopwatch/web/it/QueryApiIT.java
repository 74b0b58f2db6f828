package org.coopwatch.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.web.TestData;
import org.coopwatch.web.WebServer;
import org.coopwatch.web.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the aggregates stage (one application id, three partitions) on the embedded broker,
 * each with its own web server as {@code application.server}. A pair's cells are spread over partitions
 * and so over both instances; whichever instance is asked must answer the same, complete answer. Then
 * one instance leaves, and the other answers the same again once it took over the partitions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIT {

    /** A bound on waiting for records to come through, not an assertion on speed. */
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final int PARTITIONS = 3;
    static final List<PloverType> TYPES = List.of(PloverType.AGREE, PloverType.CONSULT, PloverType.COOPERATE, PloverType.ACCUSE);
    static final List<String> SECTORS = List.of("energy", "defence", "trade", "health");

    @TempDir static Path dir;
    static EmbeddedKafka kafka;
    static final Topics topics = Topics.defaults();
    static final HttpClient http = HttpClient.newHttpClient();
    // yesterday 01:00 UTC: always in the past, because brokers refuse records more than an hour in the
    // future (log.message.timestamp.after.max.ms), and a repartition topic carries the event time
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(23, ChronoUnit.HOURS);
    static Instance a;
    static Instance b;
    static String answerBefore;

    record Instance(WebServer web, KafkaStreams streams) {
        void close() {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            web.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("broker"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(topics.events().name(), PARTITIONS, (short) 1),
                    new NewTopic(topics.aggregates().name(), PARTITIONS, (short) 1),
                    new NewTopic(topics.dlq().name(), 1, (short) 1))).all().get();
        }
        a = instance("a", true);
        b = instance("b", false);
        a.streams().start();
        b.streams().start();
        await("both instances running, each owning part of the aggregates store", () -> {
            if (a.streams().state() != KafkaStreams.State.RUNNING || b.streams().state() != KafkaStreams.State.RUNNING) return false;
            Set<String> hostsWithPartitions = new HashSet<>();
            for (StreamsMetadata m : a.streams().streamsMetadataForStore(AggregatesTopology.DAILY_STORE)) {
                if (m.topicPartitions().stream().anyMatch(tp -> tp.topic().endsWith("-repartition"))) {
                    hostsWithPartitions.add(m.host() + ":" + m.port());
                }
            }
            return hostsWithPartitions.size() == 2;
        });
        produce();
    }

    /** One stage instance: its web server first, so the stage can be told its address. */
    static Instance instance(String name, boolean watchKafka) {
        WebServer.Builder wb = WebServer.builder().port(0);
        if (watchKafka) wb.kafka(kafka.bootstrapServers(), Map.of());
        WebServer web = wb.build().start();
        Properties props = StreamsSettings.builder(kafka.bootstrapServers()).applicationIdPrefix("queryit")
                .stateDir(dir.resolve("state-" + name)).build().forStage(Stage.AGGREGATES);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, web.applicationServer());
        props.put(StreamsConfig.CLIENT_ID_CONFIG, "queryit-aggregates-" + name);
        KafkaStreams streams = new KafkaStreams(AggregatesTopology.build(topics, props), props);
        web.aggregates(streams).addStage("aggregates", "queryit-aggregates", streams);
        return new Instance(web, streams);
    }

    /** IND-RUS: one article per (type, sector), 16 keys spread over the partitions; other pairs for the ranking. */
    static void produce() throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, CooperationEvent> producer = new KafkaProducer<>(p, Serdes.String().serializer(),
                topics.events().valueSerde().serializer())) {
            List<CooperationEvent> events = new ArrayList<>();
            int i = 0;
            for (PloverType type : TYPES) {
                for (String sector : SECTORS) {
                    events.add(TestData.event("ir-" + type + "-" + sector, "IND", "RUS", type, 0.5, List.of(sector),
                            BASE.plusSeconds(60L * i++)));
                }
            }
            events.add(TestData.event("ci-1", "CHN", "IND", PloverType.THREATEN, 0.7, List.of("trade"), BASE));
            events.add(TestData.event("ci-2", "CHN", "IND", PloverType.AGREE, 0.6, List.of("trade", "energy"), BASE));
            events.add(TestData.event("br-1", "BRA", "IND", PloverType.AID, 0.6, List.of("health"), BASE));
            for (CooperationEvent e : events) producer.send(new ProducerRecord<>(topics.events().name(), e.getPair(), e)).get();
        }
    }

    @AfterAll
    static void stop() {
        for (Instance i : new Instance[] {b, a}) {
            if (i != null) i.close();
        }
        if (kafka != null) kafka.close();
    }

    static HttpResponse<String> get(Instance i, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + i.web().applicationServer() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(Instance i, String path) throws Exception {
        HttpResponse<String> r = get(i, path);
        assertThat(r.statusCode()).as(path + " on " + i.web().applicationServer() + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("gave up waiting for: " + what);
            Thread.sleep(250);
        }
    }

    /** Counts of the pair's daily window, once all 16 cells are in (null while not yet, or while rebalancing). */
    static JsonNode completePair(Instance i) {
        try {
            HttpResponse<String> r = get(i, "/api/pairs/IND-RUS?window=daily");
            if (r.statusCode() != 200) return null;
            JsonNode n = Json.MAPPER.readTree(r.body());
            return n.get("windows").size() == 1 && n.get("windows").get(0).get("counts").size() == 16 ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersTheSameCompleteAnswer() throws Exception {
        await("IND-RUS complete via instance a", () -> completePair(a) != null);

        // each instance holds only part of the pair: the answer needs both
        JsonNode localA = json(a, "/internal/cells?window=daily&pair=IND-RUS");
        JsonNode localB = json(b, "/internal/cells?window=daily&pair=IND-RUS");
        assertThat(localA.get("cells").size()).isPositive();
        assertThat(localB.get("cells").size()).isPositive();
        assertThat(localA.get("cells").size() + localB.get("cells").size()).isEqualTo(16);

        for (String path : List.of("/api/pairs/IND-RUS?window=daily", "/api/pairs/RUS-IND?window=hourly",
                "/api/pairs/IND-RUS/sectors", "/api/top-pairs?since=" + BASE.minus(1, ChronoUnit.HOURS),
                "/api/top-pairs?window=daily&since=" + BASE.minus(30, ChronoUnit.DAYS))) {
            HttpResponse<String> fromA = get(a, path);
            HttpResponse<String> fromB = get(b, path);
            assertThat(fromA.statusCode()).as(path + ": " + fromA.body()).isEqualTo(200);
            assertThat(fromB.statusCode()).as(path + ": " + fromB.body()).isEqualTo(200);
            assertThat(fromB.body()).as(path).isEqualTo(fromA.body());
        }

        JsonNode pair = json(b, "/api/pairs/IND-RUS?window=daily");
        assertThat(pair.get("scope").asText()).isEqualTo("cluster");
        assertThat(pair.get("instances")).hasSize(2);
        JsonNode day = pair.get("windows").get(0);
        assertThat(day.get("start").asText()).isEqualTo(BASE.truncatedTo(ChronoUnit.DAYS).toString());
        assertThat(day.get("articles").asLong()).isEqualTo(16);
        assertThat(day.get("cooperativeArticles").asLong()).isEqualTo(12);
        assertThat(day.get("conflictualArticles").asLong()).isEqualTo(4);
        for (JsonNode c : day.get("counts")) assertThat(c.get("count").asLong()).isEqualTo(1);

        JsonNode sectors = json(a, "/api/pairs/IND-RUS/sectors");
        assertThat(sectors.get("sectors").findValuesAsText("sector")).containsExactlyInAnyOrderElementsOf(SECTORS);
        for (JsonNode s : sectors.get("sectors")) assertThat(s.get("events").asLong()).isEqualTo(4);

        JsonNode top = json(b, "/api/top-pairs?since=" + BASE.minus(1, ChronoUnit.HOURS));
        assertThat(top.get("pairs").findValuesAsText("pair")).containsExactly("IND-RUS", "CHN-IND", "BRA-IND");
        assertThat(top.get("pairs").get(0).get("events").asLong()).isEqualTo(16);
        assertThat(top.get("pairs").get(1).get("events").asLong()).isEqualTo(2);
        answerBefore = get(a, "/api/pairs/IND-RUS?window=daily").body();
    }

    @Test
    @Order(2)
    void healthAndMetricsShowTheStage() throws Exception {
        JsonNode h = json(a, "/api/health");
        assertThat(h.get("stages").get(0).get("state").asText()).isEqualTo("RUNNING");
        assertThat(h.get("stages").get(0).get("recordsIn").asLong()).isPositive();
        await("lag of the stage's group read", () -> {
            try {
                JsonNode s = json(a, "/api/health").get("stages").get(0);
                return s.hasNonNull("lag");
            } catch (Exception e) {
                return false;
            }
        });
        await("DLQ topic watched", () -> {
            try {
                return json(a, "/api/health").get("dlq").get("records").asLong() == 0
                        && !json(a, "/api/health").get("dlq").has("error");
            } catch (Exception e) {
                return false;
            }
        });
        String metrics = get(a, "/metrics").body();
        org.coopwatch.web.metrics.PrometheusTextTest.assertWellFormed(metrics);
        assertThat(metrics).contains("coopwatch_stage_state{")
                .containsPattern("coopwatch_stage_records_in_total\\{stage=\"aggregates\"} [1-9]")
                .contains("coopwatch_consumer_group_lag{group=\"queryit-aggregates\"}")
                .contains("coopwatch_dlq_records{topic=\"coopwatch.dlq\"} 0")
                .contains("kafka_stream_thread_process_total{stage=\"aggregates\"");
    }

    @Test
    @Order(3)
    void whenOneInstanceLeavesTheOtherAnswersTheSameAfterTakingOver() throws Exception {
        assertThat(answerBefore).as("the first test ran").isNotNull();
        b.close();
        Instance gone = b;
        b = null;
        await("instance a owns every partition", () -> {
            JsonNode n = completePair(a);
            return n != null && n.get("instances").size() == 1;
        });
        assertThatThrownBy(() -> get(gone, "/api/health")).as("b's web server is down").isInstanceOf(java.io.IOException.class);
        String after = get(a, "/api/pairs/IND-RUS?window=daily").body();
        JsonNode before = Json.MAPPER.readTree(answerBefore);
        JsonNode now = Json.MAPPER.readTree(after);
        assertThat(now.get("windows")).isEqualTo(before.get("windows"));
        assertThat(now.get("instances").get(0).asText()).isEqualTo(a.web().applicationServer());
    }
}
