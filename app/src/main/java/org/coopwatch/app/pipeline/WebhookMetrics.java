package org.coopwatch.app.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coopwatch.sink.Sink;
import org.coopwatch.sink.webhook.WebhookStats;
import org.coopwatch.web.WebServer;
import org.coopwatch.web.metrics.Collector;
import org.coopwatch.web.metrics.MetricFamily;
import org.coopwatch.web.metrics.Sample;

/**
 * The sink's webhook counters ({@link Sink#webhookStats()}) in {@code /metrics}, labelled by the masked URL:
 * {@code coopwatch_webhook_alerts_total{url, outcome="delivered|failed|dropped|skipped"}},
 * {@code coopwatch_webhook_retries_total{url}} and {@code coopwatch_webhook_queued{url}}.
 */
public final class WebhookMetrics implements Collector {

    private final Sink sink;

    private WebhookMetrics(Sink sink) {
        this.sink = sink;
    }

    /** Adds the collector to the server's registry when the sink has webhooks. */
    public static void register(WebServer web, Sink sink) {
        if (!sink.config().webhooks().isEmpty()) {
            web.metrics().register(new WebhookMetrics(sink));
        }
    }

    @Override
    public void collect(List<MetricFamily> out) {
        List<WebhookStats> all = sink.webhookStats();
        if (all.isEmpty()) {
            return;
        }
        List<Sample> alerts = new ArrayList<>();
        List<Sample> retries = new ArrayList<>();
        List<Sample> queued = new ArrayList<>();
        for (WebhookStats s : all) {
            alerts.add(alerts(s, "delivered", s.delivered()));
            alerts.add(alerts(s, "failed", s.failed()));
            alerts.add(alerts(s, "dropped", s.dropped()));
            alerts.add(alerts(s, "skipped", s.skipped()));
            retries.add(new Sample("coopwatch_webhook_retries_total", Map.of("url", s.url()), s.retries()));
            queued.add(new Sample("coopwatch_webhook_queued", Map.of("url", s.url()), s.queued()));
        }
        out.add(new MetricFamily("coopwatch_webhook_alerts_total", "Alerts per webhook by outcome: delivered (2xx), "
                + "failed (attempts used up or refused), dropped (queue full or sink stopped), skipped (below the "
                + "minimum severity, too old, or sent before).", MetricFamily.Type.COUNTER, alerts));
        out.add(new MetricFamily("coopwatch_webhook_retries_total", "Webhook attempts after a first one failed.",
                MetricFamily.Type.COUNTER, retries));
        out.add(new MetricFamily("coopwatch_webhook_queued", "Alerts waiting to be posted to the webhook.",
                MetricFamily.Type.GAUGE, queued));
    }

    private static Sample alerts(WebhookStats s, String outcome, long value) {
        java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("url", s.url());
        labels.put("outcome", outcome);
        return new Sample("coopwatch_webhook_alerts_total", labels, value);
    }
}
