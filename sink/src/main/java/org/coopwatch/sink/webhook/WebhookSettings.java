package org.coopwatch.sink.webhook;

import java.time.Duration;

/**
 * How alerts are delivered to webhooks.
 *
 * @param timeout        connect and response timeout of one attempt
 * @param maxAttempts    attempts per alert and webhook (the first included) on network errors, 5xx, 408 and
 *                       429; other answers are not retried
 * @param initialBackoff wait before the second attempt; doubled before each further one
 * @param maxBackoff     longest wait between attempts (also caps a server's Retry-After)
 * @param queueCapacity  alerts waiting per webhook; beyond it new alerts are dropped for that webhook
 *                       (counted and logged), never blocking the sink or its other outputs
 * @param maxAge         alerts created longer ago than this are not posted (a new sink group re-reading
 *                       months of alerts would flood the channel); zero posts everything
 * @param closeTimeout   how long closing waits for queued alerts to be delivered
 */
public record WebhookSettings(Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                              int queueCapacity, Duration maxAge, Duration closeTimeout) {

    public WebhookSettings {
        positive("timeout", timeout);
        if (maxAttempts < 1 || maxAttempts > 20) throw new IllegalArgumentException("webhook attempts must be 1 to 20: " + maxAttempts);
        positive("initial backoff", initialBackoff);
        positive("max backoff", maxBackoff);
        if (queueCapacity < 1) throw new IllegalArgumentException("webhook queue capacity must be at least 1: " + queueCapacity);
        if (maxAge == null || maxAge.isNegative()) throw new IllegalArgumentException("webhook max age must be zero or positive: " + maxAge);
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("webhook close timeout must be zero or positive: " + closeTimeout);
        }
    }

    /** 10 s timeout, 5 attempts 1 s / 2 s / 4 s / 8 s apart (at most 30 s), 1000 queued, alerts up to 6 h old, 10 s to drain. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(30), 1000,
                Duration.ofHours(6), Duration.ofSeconds(10));
    }

    public WebhookSettings withTimeout(Duration d) {
        return new WebhookSettings(d, maxAttempts, initialBackoff, maxBackoff, queueCapacity, maxAge, closeTimeout);
    }

    public WebhookSettings withRetries(int attempts, Duration initial, Duration max) {
        return new WebhookSettings(timeout, attempts, initial, max, queueCapacity, maxAge, closeTimeout);
    }

    public WebhookSettings withQueueCapacity(int capacity) {
        return new WebhookSettings(timeout, maxAttempts, initialBackoff, maxBackoff, capacity, maxAge, closeTimeout);
    }

    public WebhookSettings withMaxAge(Duration age) {
        return new WebhookSettings(timeout, maxAttempts, initialBackoff, maxBackoff, queueCapacity, age, closeTimeout);
    }

    public WebhookSettings withCloseTimeout(Duration d) {
        return new WebhookSettings(timeout, maxAttempts, initialBackoff, maxBackoff, queueCapacity, maxAge, d);
    }

    /** The wait before attempt {@code attempt} (2, 3, ...): doubling from the initial backoff, capped. */
    public Duration backoffBefore(int attempt) {
        Duration d = initialBackoff;
        for (int i = 2; i < attempt && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("webhook " + what + " must be positive: " + d);
    }
}
