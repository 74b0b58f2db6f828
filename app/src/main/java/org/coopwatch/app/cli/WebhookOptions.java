package org.coopwatch.app.cli;

import java.util.List;
import java.util.Map;

import org.coopwatch.app.config.Lists;
import org.coopwatch.app.pipeline.SinkSettings;
import picocli.CommandLine.Option;

/** The sink's webhook flags, shared by {@code run} and {@code sink}. */
public final class WebhookOptions {

    @Option(names = "--webhook", paramLabel = "URL",
            description = "POST every stored alert as JSON (Slack-compatible 'text' field) to this http(s) URL "
                    + "(repeatable; setting sink.webhooks, comma-separated). Delivery is queued and retried with "
                    + "backoff and never holds up the sink; URLs are masked wherever they are shown.")
    List<String> urls;

    @Option(names = "--webhook-header", paramLabel = "'NAME: VALUE'",
            description = "A request header for every webhook, e.g. 'Authorization: Bearer TOKEN' (repeatable; "
                    + "setting sink.webhook.headers). Values are never shown.")
    List<String> headers;

    @Option(names = "--webhook-min-severity", paramLabel = "SEVERITY",
            description = "Send only alerts of this severity and above: info (all, the default), warning or "
                    + "critical (setting sink.webhook.min.severity).")
    String minSeverity;

    void addTo(Map<String, String> flags) {
        if (urls != null && !urls.isEmpty()) {
            flags.put(SinkSettings.WEBHOOKS, String.join(",", urls));
        }
        if (headers != null && !headers.isEmpty()) {
            flags.put(SinkSettings.WEBHOOK_HEADERS, Lists.joinHeaders(headers));
        }
        if (minSeverity != null) {
            flags.put(SinkSettings.WEBHOOK_MIN_SEVERITY, minSeverity);
        }
    }
}
