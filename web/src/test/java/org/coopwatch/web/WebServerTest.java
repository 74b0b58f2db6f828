package org.coopwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.query.CellSource;
import org.coopwatch.web.query.StoreReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface of the web server over the real aggregates topology (TopologyTestDriver stores): JSON
 * shapes of the query API, errors, the token, the Host check, escaping, the SSE stream and /metrics.
 */
class WebServerTest {

    static final Instant D20 = Instant.parse("2025-08-20T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-22T12:00:00Z"), ZoneOffset.UTC);
    static final String XSS = "<script>alert(1)</script>";

    @TempDir Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, CooperationEvent> events;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    /** The driver's stores stand in for the cluster; the test driver is single-threaded, so reads are serialised. */
    final class DriverCells implements CellSource {
        @Override
        public synchronized Gathered gather(org.coopwatch.web.query.AggregateWindow window, String pair,
                                            org.coopwatch.web.query.TimeRange range) {
            ReadOnlyWindowStore<String, Aggregate> store = driver.getWindowStore(window.storeName());
            return new Gathered(StoreReader.read(store, window, pair, range), List.of("test-driver"), "cluster");
        }
    }

    void startWeb(String token) {
        web = WebServer.builder().port(0).token(token).clock(CLOCK).cellSource(new DriverCells()).build().start();
    }

    @BeforeEach
    void setUp() {
        Properties props = StreamsSettings.builder("localhost:9092").stateDir(stateDir).build().forStage(Stage.AGGREGATES);
        Topics topics = Topics.defaults();
        driver = new TopologyTestDriver(AggregatesTopology.build(topics, props), props);
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        Instant t = D20.plusSeconds(3600 * 10);
        send(TestData.event("a1", "IND", "RUS", PloverType.AGREE, 0.9, List.of("energy", "defence"), t));
        send(TestData.event("a2", "RUS", "IND", PloverType.AGREE, 0.8, List.of("energy"), t.plusSeconds(60)));
        send(TestData.event("a3", "IND", "RUS", PloverType.ACCUSE, 0.5, List.of(), t.plusSeconds(3600 * 24)));
        send(TestData.event("b1", "CHN", "IND", PloverType.THREATEN, 0.7, List.of("trade"), t));
        // a pair whose name sorts right after IND-RUS must not leak into its key range
        send(TestData.event("c1", "IND", "RWA", PloverType.AID, 0.6, List.of("health"), t));
    }

    void send(CooperationEvent e) {
        events.pipeInput(e.getPair(), e, e.getEventTime());
    }

    @AfterEach
    void tearDown() {
        if (web != null) web.close();
        driver.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void pairWindowsFromTheRealStores() throws Exception {
        startWeb(null);
        JsonNode r = getJson("/api/pairs/IND-RUS?window=daily");
        assertThat(r.get("pair").asText()).isEqualTo("IND-RUS");
        assertThat(r.get("windows")).hasSize(2);
        JsonNode day = r.get("windows").get(0);
        assertThat(day.get("start").asText()).isEqualTo("2025-08-20T00:00:00Z");
        assertThat(day.get("articles").asLong()).isEqualTo(2);
        assertThat(day.get("counts").findValuesAsText("sector")).containsExactly("defence", "energy");
        assertThat(day.get("counts").get(1).get("count").asLong()).isEqualTo(2);
        assertThat(day.get("counts").get(1).get("balance").asDouble()).isEqualTo(1.7);
        assertThat(r.get("windows").get(1).get("counts").get(0).get("type").asText()).isEqualTo("ACCUSE");

        // the reverse spelling is the same pair; hourly windows split the day
        JsonNode hourly = getJson("/api/pairs/rus-ind?window=hourly&from=2025-08-20T10:00:00Z&to=2025-08-20T11:00:00Z");
        assertThat(hourly.get("pair").asText()).isEqualTo("IND-RUS");
        assertThat(hourly.get("windows")).hasSize(1);
        assertThat(hourly.get("windows").get(0).get("end").asText()).isEqualTo("2025-08-20T11:00:00Z");
        assertThat(hourly.get("from").asText()).isEqualTo("2025-08-20T10:00:00Z");
    }

    @Test
    void sectorsOfAPair() throws Exception {
        startWeb(null);
        JsonNode r = getJson("/api/pairs/IND-RUS/sectors");
        assertThat(r.get("sectors").findValuesAsText("sector")).containsExactly("energy", "-", "defence");
        JsonNode energy = r.get("sectors").get(0);
        assertThat(energy.get("events").asLong()).isEqualTo(2);
        assertThat(energy.get("articles").asLong()).isEqualTo(2);
        assertThat(energy.get("types").get("AGREE").asLong()).isEqualTo(2);
        JsonNode since = getJson("/api/pairs/IND-RUS/sectors?since=2025-08-21");
        assertThat(since.get("sectors").findValuesAsText("sector")).containsExactly("-");
    }

    @Test
    void topPairsSince() throws Exception {
        startWeb(null);
        JsonNode r = getJson("/api/top-pairs?since=2025-08-20T00:00:00Z");
        assertThat(r.get("window").asText()).isEqualTo("hourly"); // within the hourly retention
        assertThat(r.get("pairs").findValuesAsText("pair")).containsExactly("IND-RUS", "CHN-IND", "IND-RWA");
        JsonNode top = r.get("pairs").get(0);
        assertThat(top.get("events").asLong()).isEqualTo(3);
        assertThat(top.get("articles").asLong()).isEqualTo(3);
        assertThat(top.get("sectors").get("energy").asLong()).isEqualTo(2);

        JsonNode later = getJson("/api/top-pairs?since=2025-08-21T00:00:00Z&window=daily&limit=1");
        assertThat(later.get("pairs")).hasSize(1);
        assertThat(later.get("pairs").get(0).get("events").asLong()).isEqualTo(1);
        assertThat(later.get("pairsInRange").asInt()).isEqualTo(1);
    }

    @Test
    void badRequestsGetA400WithAMessage() throws Exception {
        startWeb(null);
        for (String path : List.of("/api/pairs/INDIA?window=daily", "/api/pairs/IND-RUS?window=weekly",
                "/api/top-pairs?since=last-week", "/api/top-pairs?limit=0", "/api/pairs/IND-RUS?from=2025-08-21&to=2025-08-20")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(path).isNotBlank();
        }
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void theTokenGuardsApiStreamAndMetricsButNotThePage() throws Exception {
        startWeb("s3cret");
        for (String path : List.of("/api/pairs/IND-RUS", "/api/top-pairs", "/api/health", "/metrics", "/api/stream",
                "/internal/cells")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        }
        assertThat(get("/api/pairs/IND-RUS", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/pairs/IND-RUS", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/metrics?token=s3cret").statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>coopwatch");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        startWeb(null);
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // the script inserts data as text only
        String js = get("/app.js").body();
        assertThat(js).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(");
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        startWeb(null);
        // DNS rebinding: a page from another site whose name now points at 127.0.0.1
        assertThat(rawGet("/api/health", "attacker.example:" + web.port())).startsWith("HTTP/1.1 403");
        assertThat(rawGet("/api/health", "localhost:" + web.port())).startsWith("HTTP/1.1 200");
    }

    String rawGet(String path, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", web.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void articleTextIsEscapedInJsonAndReadsBackUnchanged() throws Exception {
        startWeb(null);
        web.liveFeed().onEvent(TestData.event("x1", "IND", "RUS", PloverType.AGREE, 0.9, List.of(), D20, XSS));
        HttpResponse<String> r = get("/api/events/recent");
        assertThat(r.body()).doesNotContain("<script>").contains("\\u003Cscript\\u003E");
        assertThat(Json.MAPPER.readTree(r.body()).get("items").get(0).get("title").asText()).isEqualTo(XSS);
    }

    @Test
    void theStreamSendsTheBacklogThenLiveItemsAsServerSentEvents() throws Exception {
        startWeb(null);
        web.liveFeed().onAlert(TestData.alert("before", "IND", "RUS", PloverType.AGREE, "first", D20, D20.plusSeconds(5)));
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/stream")).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("retry: 3000");
            assertThat(in.readLine()).isEmpty();
            assertThat(in.readLine()).startsWith(":");
            assertThat(in.readLine()).isEmpty();
            assertThat(in.readLine()).isEqualTo("id: " + web.liveFeed().eventId(1));
            assertThat(in.readLine()).isEqualTo("event: alert");
            assertThat(Json.MAPPER.readTree(in.readLine().substring(6)).get("message").asText()).isEqualTo("first");
            assertThat(in.readLine()).isEmpty();
            web.liveFeed().onAlert(TestData.alert("after", "IND", "RUS", PloverType.AGREE, XSS, D20, D20.plusSeconds(9)));
            assertThat(in.readLine()).isEqualTo("id: " + web.liveFeed().eventId(2));
            assertThat(in.readLine()).isEqualTo("event: alert");
            String data = in.readLine();
            assertThat(data).startsWith("data: {").doesNotContain("<");
            assertThat(Json.MAPPER.readTree(data.substring(6)).get("message").asText()).isEqualTo(XSS);
        }
    }

    @Test
    void reconnectingWithLastEventIdResumes() throws Exception {
        startWeb(null);
        for (int i = 1; i <= 3; i++) {
            web.liveFeed().onAlert(TestData.alert("a" + i, "IND", "RUS", PloverType.AGREE, "m" + i, D20, D20.plusSeconds(i)));
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/stream"))
                .header("Last-Event-ID", web.liveFeed().eventId(2)).build();
        HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = r.body()) {
            String firstId = lines.filter(l -> l.startsWith("id: ")).findFirst().orElseThrow();
            assertThat(firstId).isEqualTo("id: " + web.liveFeed().eventId(3));
        }
    }

    @Test
    void metricsAreServedInThePrometheusFormat() throws Exception {
        startWeb(null);
        web.liveFeed().onAlert(TestData.alert("a1", "IND", "RUS", PloverType.AGREE, "m", D20, D20.plusSeconds(40)));
        get("/api/pairs/IND-RUS");
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        org.coopwatch.web.metrics.PrometheusTextTest.assertWellFormed(r.body());
        assertThat(r.body())
                .contains("coopwatch_live_records_total{kind=\"alert\"} 1")
                .contains("coopwatch_publish_to_alert_seconds_bucket{le=\"60\"} 1")
                .containsPattern("coopwatch_http_requests_total\\{route=\"pair\",code=\"200\"} 1")
                .contains("jvm_memory_bytes_used{area=\"heap\"}")
                .contains("# TYPE coopwatch_live_clients gauge");
    }

    @Test
    void healthWithoutKafkaSaysWhatIsNotWatched() throws Exception {
        startWeb(null);
        JsonNode h = getJson("/api/health");
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("stages")).isEmpty();
        assertThat(h.get("dlq").get("error").asText()).contains("no Kafka address");
        assertThat(h.get("live").get("clients").asInt()).isZero();
    }

    @Test
    void metaListsTheEventModelsTypesAndSectors() throws Exception {
        startWeb(null);
        JsonNode m = getJson("/api/meta");
        assertThat(m.get("types")).hasSize(16);
        assertThat(m.get("sectors")).hasSize(15);
        assertThat(m.get("sectors").get(14).asText()).isEqualTo("-");
    }

    @Test
    void theUrlAndApplicationServerNameTheBoundPort() {
        startWeb(null);
        assertThat(web.url()).isEqualTo("http://127.0.0.1:" + web.port() + "/");
        assertThat(web.applicationServer()).isEqualTo("127.0.0.1:" + web.port());
        assertThat(web.port()).isPositive();
    }

    @Test
    void aPortInUseGivesAClearMessage() {
        startWeb(null);
        WebServer second = WebServer.builder().port(web.port()).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(second::start).isInstanceOf(WebServerException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + web.port()).hasMessageContaining("choose another");
    }

    @Test
    void closingEndsOpenStreams() throws Exception {
        startWeb(null);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/stream")).build();
        HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
        web.close();
        try (Stream<String> lines = r.body()) {
            // the stream ends (instead of hanging) once the server closes
            assertThat(lines.filter(l -> l.startsWith("id:")).count()).isZero();
        }
        web = null;
    }
}
