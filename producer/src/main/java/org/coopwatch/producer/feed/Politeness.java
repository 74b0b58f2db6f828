package org.coopwatch.producer.feed;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * At most one request start per host per {@code delay}: a site is never hit faster than that, however
 * many of its feeds and pages are due, and whichever thread asks. Threads wait their turn in order.
 */
public final class Politeness {

    private final long delayNanos;
    private final Map<String, Long> nextAllowed = new HashMap<>();

    public Politeness(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    /** Waits until a request to {@code host} may start, and books that slot. */
    public void acquire(String host) throws InterruptedException {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextAllowed.getOrDefault(h, now));
            nextAllowed.put(h, slot + delayNanos);
            wait = slot - now;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
