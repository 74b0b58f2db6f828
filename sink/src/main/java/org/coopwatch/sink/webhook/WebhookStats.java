package org.coopwatch.sink.webhook;

/**
 * Counters of one webhook since the sink started, for logs and {@code /metrics}.
 *
 * @param url       the webhook's URL, masked
 * @param delivered alerts the webhook accepted (a 2xx answer)
 * @param retries   attempts after a first one failed
 * @param failed    alerts given up on: attempts used up, or an answer that retrying cannot change (4xx)
 * @param dropped   alerts never attempted: the queue was full, or the sink stopped before their turn
 * @param skipped   alerts not meant for this webhook: below its minimum severity, older than the maximum
 *                  age, or already sent (the same alert id read again)
 * @param queued    alerts waiting now
 */
public record WebhookStats(String url, long delivered, long retries, long failed, long dropped, long skipped, int queued) {

    @Override
    public String toString() {
        return url + ": " + delivered + " delivered, " + failed + " failed, " + retries + " retries, " + dropped
                + " dropped, " + skipped + " skipped, " + queued + " queued";
    }
}
