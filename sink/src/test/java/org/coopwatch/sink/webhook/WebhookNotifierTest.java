package org.coopwatch.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.coopwatch.avro.Alert;
import org.coopwatch.sink.db.Records;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery against local HTTP servers that answer as told. */
class WebhookNotifierTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Fast retries; no maximum age (the test alerts were created in 2025). */
    static final WebhookSettings FAST = WebhookSettings.defaults()
            .withRetries(5, Duration.ofMillis(5), Duration.ofMillis(20)).withMaxAge(Duration.ZERO);

    final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    /** A request as the server saw it. */
    record Received(String path, String contentType, String authorization, String body) {}

    /** A server answering the n-th request (from 1) with {@code status.applyAsInt(n)}, recording them all. */
    URI server(IntUnaryOperator status, List<Received> received) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        s.createContext("/", exchange -> {
            received.add(read(exchange));
            int code = status.applyAsInt(n.incrementAndGet());
            byte[] answer = (code == 200 ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        s.start();
        servers.add(s);
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/services/T0/B0/secret-token?key=hunter2");
    }

    static Received read(HttpExchange exchange) throws IOException {
        return new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    static Alert alert(String id, String severity) {
        return Alert.newBuilder(Records.alert(id, 3)).setSeverity(severity)
                .setMessage("[" + severity + "] conflict: USA -> IND THREATEN (trade) <@here> & co").build();
    }

    @Test
    void aWebhookFailingTwiceGetsTheAlertOnceOnTheThirdAttempt() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        URI url = server(n -> n <= 2 ? 500 : 200, received);
        Webhook hook = new Webhook(url, java.util.Map.of(), "info").withHeader("Authorization", "Bearer abc");
        Alert a = alert("a1", "warning");
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(hook), FAST)) {
            notifier.onAlert(a);
            assertThat(notifier.awaitIdle(PATIENCE)).isTrue();
            assertThat(notifier.stats()).singleElement().satisfies(s -> {
                assertThat(s.delivered()).isEqualTo(1);
                assertThat(s.retries()).isEqualTo(2);
                assertThat(s.failed()).isZero();
                assertThat(s.url()).isEqualTo("http://127.0.0.1:" + url.getPort() + "/services/***?key=***");
            });
        }
        assertThat(received).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/services/T0/B0/secret-token");
            assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
            assertThat(r.authorization()).isEqualTo("Bearer abc");
        });
        JsonNode body = JSON.readTree(received.get(2).body());
        assertThat(body.get("text").asText())
                .isEqualTo("[warning] conflict: USA -&gt; IND THREATEN (trade) &lt;@here&gt; &amp; co");
        JsonNode alert = body.get("alert");
        assertThat(alert.get("alertId").asText()).isEqualTo(a.getAlertId());
        assertThat(alert.get("rule").asText()).isEqualTo("new-agreement");
        assertThat(alert.get("severity").asText()).isEqualTo("warning");
        assertThat(alert.get("evidence").get("text").asText()).isEqualTo(a.getEvidence().getText());
        assertThat(alert.get("articleIds")).extracting(JsonNode::asText).containsExactly("a1", "a2");
        assertThat(alert.get("counts").get("events").asLong()).isEqualTo(3);
        assertThat(alert.get("message").asText()).isEqualTo(a.getMessage());
    }

    @Test
    void aWebhookThatAlwaysFailsCountsTheAlertAsFailedAndTheOtherStillGetsIt() throws Exception {
        List<Received> failing = new CopyOnWriteArrayList<>();
        List<Received> working = new CopyOnWriteArrayList<>();
        URI bad = server(n -> 503, failing);
        URI good = server(n -> 200, working);
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(Webhook.of(bad.toString()), Webhook.of(good.toString())), FAST)) {
            notifier.onAlert(alert("a1", "info"));
            notifier.onAlert(alert("a2", "info"));
            assertThat(notifier.awaitIdle(PATIENCE)).isTrue();
            List<WebhookStats> stats = notifier.stats();
            assertThat(stats.get(0).failed()).isEqualTo(2);
            assertThat(stats.get(0).delivered()).isZero();
            assertThat(stats.get(0).retries()).isEqualTo(8);
            assertThat(stats.get(1).delivered()).isEqualTo(2);
            assertThat(stats.get(1).failed()).isZero();
        }
        assertThat(failing).hasSize(10); // 5 attempts for each alert
        assertThat(working).extracting(r -> JSON.readTree(r.body()).get("alert").get("alertId").asText())
                .containsExactly("new-agreement|a1", "new-agreement|a2");
    }

    @Test
    void aClientErrorIsNotRetriedAndAnUnreachableWebhookIsRetried() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        URI refusing = server(n -> 404, received);
        int port;
        try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        } // nothing listens there now: connections are refused
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(Webhook.of(refusing.toString()),
                Webhook.of("http://127.0.0.1:" + port + "/hook")), FAST)) {
            notifier.onAlert(alert("a1", "info"));
            assertThat(notifier.awaitIdle(PATIENCE)).isTrue();
            assertThat(notifier.stats().get(0)).satisfies(s -> {
                assertThat(s.failed()).isEqualTo(1);
                assertThat(s.retries()).isZero();
            });
            assertThat(notifier.stats().get(1)).satisfies(s -> {
                assertThat(s.failed()).isEqualTo(1);
                assertThat(s.retries()).isEqualTo(4);
            });
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void aStuckWebhookNeverBlocksTheCallerItsQueueOverflowsAndIsCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstArrived = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", exchange -> {
            got.add(JSON.readTree(exchange.getRequestBody().readAllBytes()).get("alert").get("alertId").asText());
            firstArrived.countDown();
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        s.start();
        servers.add(s);
        WebhookSettings small = FAST.withQueueCapacity(2).withTimeout(PATIENCE);
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(Webhook.of("http://127.0.0.1:" + s.getAddress().getPort() + "/")), small)) {
            notifier.onAlert(alert("a1", "info"));
            assertThat(firstArrived.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue(); // a1 is in flight, held
            for (int i = 2; i <= 6; i++) notifier.onAlert(alert("a" + i, "info"));     // returns at once: 2 queue, 3 drop
            assertThat(notifier.stats().get(0).queued()).isEqualTo(2);
            assertThat(notifier.stats().get(0).dropped()).isEqualTo(3);
            release.countDown();
            assertThat(notifier.awaitIdle(PATIENCE)).isTrue();
            assertThat(notifier.stats().get(0).delivered()).isEqualTo(3);
        }
        assertThat(got).containsExactly("new-agreement|a1", "new-agreement|a2", "new-agreement|a3");
    }

    @Test
    void repeatedOldAndUnwantedAlertsAreSkipped() throws Exception {
        List<Received> all = new CopyOnWriteArrayList<>();
        List<Received> critical = new CopyOnWriteArrayList<>();
        URI everything = server(n -> 200, all);
        URI onlyCritical = server(n -> 200, critical);
        Instant now = Instant.parse("2025-08-20T12:00:00Z");
        WebhookSettings sixHours = FAST.withMaxAge(Duration.ofHours(6));
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(Webhook.of(everything.toString()),
                Webhook.of(onlyCritical.toString()).withMinSeverity("critical")), sixHours, Clock.fixed(now, ZoneOffset.UTC))) {
            notifier.onAlert(withCreated(alert("w", "warning"), now.minusSeconds(60)));
            notifier.onAlert(withCreated(alert("w", "warning"), now.minusSeconds(30)));     // the same alert read again
            notifier.onAlert(withCreated(alert("c", "critical"), now.minusSeconds(10)));
            notifier.onAlert(withCreated(alert("old", "critical"), now.minus(Duration.ofHours(7))));
            assertThat(notifier.awaitIdle(PATIENCE)).isTrue();
            assertThat(notifier.stats()).extracting(WebhookStats::delivered, WebhookStats::skipped)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 2L), org.assertj.core.groups.Tuple.tuple(1L, 3L));
        }
        assertThat(all).extracting(r -> JSON.readTree(r.body()).get("alert").get("alertId").asText())
                .containsExactly("new-agreement|w", "new-agreement|c");
        assertThat(critical).extracting(r -> JSON.readTree(r.body()).get("alert").get("alertId").asText())
                .containsExactly("new-agreement|c");
    }

    static Alert withCreated(Alert a, Instant created) {
        return Alert.newBuilder(a).setCreated(created).build();
    }

    @Test
    void urlsAreMaskedAndBadWebhooksRefusedWithReasons() {
        assertThat(UrlMask.mask(URI.create("https://user:pw@chat.example:8443/services/T1/B2/XyZ?token=abc&x")))
                .isEqualTo("https://***@chat.example:8443/services/***?token=***&***");
        assertThat(UrlMask.mask(URI.create("http://127.0.0.1:9000/hook"))).isEqualTo("http://127.0.0.1:9000/hook");
        assertThat(UrlMask.mask("https://chat.example/a b/secret")).isEqualTo("https://chat.example/***");
        assertThatThrownBy(() -> Webhook.of("ftp://chat.example/x/secret")).hasMessage(
                "webhook URL must start with http:// or https://: ftp://chat.example/x/***");
        assertThatThrownBy(() -> Webhook.of("https://chat.example/a b/secret"))
                .hasMessageStartingWith("webhook URL is not a valid URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Webhook.of("http://127.0.0.1/x").withHeader("Bad Header", "v"))
                .hasMessageContaining("'Bad Header'");
        assertThatThrownBy(() -> Webhook.of("http://127.0.0.1/x").withMinSeverity("loud")).hasMessageContaining("info, warning or critical");
        assertThat(Webhook.of("http://127.0.0.1/x/y").withHeader("Authorization", "Bearer s3cret").toString())
                .isEqualTo("http://127.0.0.1/x/*** (headers Authorization)");
        assertThat(WebhookSettings.defaults().backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookSettings.defaults().backoffBefore(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(WebhookSettings.defaults().backoffBefore(12)).isEqualTo(Duration.ofSeconds(30));
    }
}
