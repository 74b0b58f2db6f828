package org.coopwatch.streams.aggregate;

import java.time.Duration;

/** The tumbling window sizes aggregates come in; windows are aligned to the epoch, so days are UTC days. */
public enum Granularity {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    private final String id;
    private final Duration size;

    Granularity(String id, Duration size) {
        this.id = id;
        this.size = size;
    }

    /** As written in Aggregate.granularity and aggregate ids. */
    public String id() {
        return id;
    }

    public Duration size() {
        return size;
    }

    public long windowStart(long timestampMs) {
        return Math.floorDiv(timestampMs, size.toMillis()) * size.toMillis();
    }
}
