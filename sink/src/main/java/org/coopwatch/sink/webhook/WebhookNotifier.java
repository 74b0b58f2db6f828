package org.coopwatch.sink.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.coopwatch.avro.Alert;
import org.coopwatch.sink.SinkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every alert the sink stored to each configured {@link Webhook} as JSON ({@link WebhookPayload}).
 *
 * <p>The sink calls {@link #onAlert} after the alert is in the database and the JSON Lines file, on its
 * own thread; this only puts the alert in each webhook's bounded queue and returns. Each webhook has
 * its own sender thread, so a slow or dead webhook delays neither the sink nor the other webhooks.
 * A delivery is retried on network errors, timeouts, 5xx, 408 and 429 with doubling backoff (honouring
 * Retry-After), up to {@link WebhookSettings#maxAttempts()}; then it is counted as failed and logged
 * with the masked URL. Alerts for one webhook are posted in the order the sink stored them.
 *
 * <p>Delivery is at-most-once per alert id within one run (a redelivered alert is not posted twice) and
 * best-effort across restarts: an alert queued when the sink stops, or re-read by a new run, may be
 * lost or posted again. The database holds every alert either way.
 */
public final class WebhookNotifier implements SinkListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    /** Alert ids remembered per webhook to not post an alert read twice. */
    static final int REMEMBERED_IDS = 10_000;
    private static final int MAX_REASON_CHARS = 200;

    private final WebhookSettings settings;
    private final HttpClient client;
    private final Clock clock;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean oldAlertLogged = new AtomicBoolean();
    private final Object idle = new Object();
    private final AtomicInteger outstanding = new AtomicInteger();

    public WebhookNotifier(List<Webhook> webhooks, WebhookSettings settings) {
        this(webhooks, settings, Clock.systemUTC());
    }

    WebhookNotifier(List<Webhook> webhooks, WebhookSettings settings, Clock clock) {
        if (webhooks.isEmpty()) throw new IllegalArgumentException("no webhooks to notify");
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a POST must not silently turn into a GET elsewhere
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        for (int i = 0; i < webhooks.size(); i++) {
            Endpoint e = new Endpoint(webhooks.get(i));
            Thread t = new Thread(e::run, "coopwatch-webhook-" + (i + 1));
            t.setDaemon(true);
            e.thread = t;
            endpoints.add(e);
        }
        endpoints.forEach(e -> e.thread.start());
        LOG.info("Posting alerts to {} webhook(s): {}", webhooks.size(), webhooks);
    }

    @Override
    public void onAlert(Alert alert) {
        if (closed.get()) {
            endpoints.forEach(e -> e.dropped.incrementAndGet());
            return;
        }
        if (!settings.maxAge().isZero() && alert.getCreated() != null
                && alert.getCreated().isBefore(Instant.now(clock).minus(settings.maxAge()))) {
            if (oldAlertLogged.compareAndSet(false, true)) {
                LOG.info("Alerts created more than {} ago (e.g. {}, created {}) are stored but not posted to webhooks",
                        settings.maxAge(), alert.getAlertId(), alert.getCreated());
            }
            endpoints.forEach(e -> e.skipped.incrementAndGet());
            return;
        }
        String body = null;
        for (Endpoint e : endpoints) {
            if (!e.webhook.wants(alert.getSeverity()) || !e.remember(alert.getAlertId())) {
                e.skipped.incrementAndGet();
                continue;
            }
            if (body == null) body = WebhookPayload.json(alert);
            outstanding.incrementAndGet();
            if (!e.queue.offer(new Delivery(alert.getAlertId(), body))) {
                done();
                e.dropped.incrementAndGet();
                if (e.fullLogged.compareAndSet(false, true)) {
                    LOG.warn("Webhook {} is falling behind: {} alerts queued; alert {} and further ones are not posted "
                            + "there until it catches up (they are in the database)", e.webhook.maskedUrl(),
                            settings.queueCapacity(), alert.getAlertId());
                }
            }
        }
    }

    /** Counters of each webhook, in configuration order. */
    public List<WebhookStats> stats() {
        return endpoints.stream().map(Endpoint::stats).toList();
    }

    /** Waits until every queued alert is delivered or given up on; true if that happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /**
     * Stops taking alerts, gives the queued ones {@link WebhookSettings#closeTimeout()} to be delivered,
     * then stops the senders; what is left is counted as dropped and logged.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            if (!awaitIdle(settings.closeTimeout())) {
                LOG.warn("Webhooks still had {} alert(s) to post after {}; stopping anyway (they are in the database)",
                        outstanding.get(), settings.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Endpoint e : endpoints) {
            e.stopping = true;
            e.thread.interrupt();
        }
        for (Endpoint e : endpoints) {
            try {
                e.thread.join(settings.timeout().toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Endpoint e : endpoints) {
            int left = e.queue.size();
            e.queue.clear();
            if (left > 0) {
                e.dropped.addAndGet(left);
                LOG.warn("Webhook {}: {} alert(s) not posted before the sink stopped", e.webhook.maskedUrl(), left);
            }
            LOG.info("Webhook {}", e.stats());
        }
    }

    private void done() {
        if (outstanding.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private record Delivery(String alertId, String body) {}

    /** What one attempt came to. */
    private record Outcome(boolean delivered, boolean retriable, String reason, Duration retryAfter) {}

    /** One webhook: its queue, its sender thread, its counters. */
    private final class Endpoint {
        final Webhook webhook;
        final BlockingQueue<Delivery> queue;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicBoolean fullLogged = new AtomicBoolean();
        private final Map<String, Boolean> sent = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        };
        Thread thread;
        volatile boolean stopping;

        Endpoint(Webhook webhook) {
            this.webhook = webhook;
            this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        }

        /** False if this alert id was taken before. */
        synchronized boolean remember(String alertId) {
            return sent.put(alertId, Boolean.TRUE) == null;
        }

        WebhookStats stats() {
            return new WebhookStats(webhook.maskedUrl(), delivered.get(), retries.get(), failed.get(), dropped.get(),
                    skipped.get(), queue.size());
        }

        void run() {
            while (!stopping) {
                Delivery d;
                try {
                    d = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    deliver(d);
                } catch (InterruptedException e) {
                    dropped.incrementAndGet();
                    return;
                } finally {
                    if (queue.isEmpty()) fullLogged.set(false);
                    done();
                }
            }
        }

        void deliver(Delivery d) throws InterruptedException {
            Outcome last = null;
            for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
                if (attempt > 1) {
                    Duration wait = settings.backoffBefore(attempt);
                    if (last.retryAfter() != null) {
                        wait = last.retryAfter().compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : last.retryAfter();
                    }
                    retries.incrementAndGet();
                    LOG.warn("Webhook {}: alert {} not delivered ({}); attempt {} of {} in {} ms", webhook.maskedUrl(),
                            d.alertId(), last.reason(), attempt, settings.maxAttempts(), wait.toMillis());
                    Thread.sleep(wait.toMillis());
                }
                last = attempt(d);
                if (last.delivered()) {
                    delivered.incrementAndGet();
                    LOG.debug("Webhook {}: alert {} delivered", webhook.maskedUrl(), d.alertId());
                    return;
                }
                if (!last.retriable()) break;
            }
            failed.incrementAndGet();
            LOG.warn("Webhook {}: alert {} NOT delivered ({}){}; it is in the database and JSON Lines",
                    webhook.maskedUrl(), d.alertId(), last.reason(),
                    last.retriable() ? " after " + settings.maxAttempts() + " attempts" : ", not retried");
        }

        Outcome attempt(Delivery d) throws InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "coopwatch-sink")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8));
            webhook.headers().forEach(request::setHeader);
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.net.ConnectException e) {
                return new Outcome(false, true, "cannot connect" + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), null);
            } catch (IOException e) {
                return new Outcome(false, true, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), null);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) return new Outcome(true, false, null, null);
            String reason = "HTTP " + status + (response.body() == null || response.body().isBlank() ? ""
                    : " " + oneLine(response.body()));
            if (status >= 300 && status < 400) {
                reason += response.headers().firstValue("Location").map(l -> ", redirected to " + UrlMask.mask(l)
                        + ": configure the final URL").orElse("");
            }
            boolean retriable = status >= 500 || status == 408 || status == 429;
            return new Outcome(false, retriable, reason, retryAfter(response));
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long s = Long.parseLong(v.trim());
                return s >= 0 ? Duration.ofSeconds(s) : null;
            } catch (NumberFormatException e) {
                return null; // an HTTP date: use our own backoff
            }
        }).orElse(null);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "..." : line;
    }
}
