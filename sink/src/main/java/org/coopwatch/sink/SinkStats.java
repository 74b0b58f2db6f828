package org.coopwatch.sink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a running sink, safe to read from any thread. "Written" counts every record stored,
 * redeliveries included (an upsert of an unchanged row still counts), so it can exceed the row count.
 */
public final class SinkStats {

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong aggregates = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong tombstones = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong databaseRetries = new AtomicLong();

    /** An immutable copy of the counters. */
    public record Snapshot(long events, long alerts, long aggregates, long undecodable, long deadLettered,
                           long tombstones, long batches, long databaseRetries) {

        public long written() {
            return events + alerts + aggregates;
        }

        @Override
        public String toString() {
            return events + " events, " + alerts + " alerts, " + aggregates + " aggregates written in " + batches
                    + " batches; " + undecodable + " undecodable (" + deadLettered + " to the DLQ), "
                    + tombstones + " empty values skipped, " + databaseRetries + " database retries";
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(events.get(), alerts.get(), aggregates.get(), undecodable.get(), deadLettered.get(),
                tombstones.get(), batches.get(), databaseRetries.get());
    }

    void written(int events, int alerts, int aggregates) {
        this.events.addAndGet(events);
        this.alerts.addAndGet(alerts);
        this.aggregates.addAndGet(aggregates);
        this.batches.incrementAndGet();
    }

    void undecodable() {
        undecodable.incrementAndGet();
    }

    void deadLettered(long n) {
        deadLettered.addAndGet(n);
    }

    void tombstone() {
        tombstones.incrementAndGet();
    }

    void databaseRetry() {
        databaseRetries.incrementAndGet();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
