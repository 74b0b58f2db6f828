/**
 * Alert delivery to webhooks: {@link org.coopwatch.sink.webhook.Webhook} (URL, headers, minimum severity),
 * {@link org.coopwatch.sink.webhook.WebhookSettings} (timeouts, retries, queue, maximum age),
 * {@link org.coopwatch.sink.webhook.WebhookNotifier} (the sink listener that posts),
 * {@link org.coopwatch.sink.webhook.WebhookStats} (counters for metrics) and
 * {@link org.coopwatch.sink.webhook.WebhookPayload} (the JSON body, Slack-compatible {@code text}).
 */
package org.coopwatch.sink.webhook;
