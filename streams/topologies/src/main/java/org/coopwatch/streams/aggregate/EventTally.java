package org.coopwatch.streams.aggregate;

/**
 * What one event contributes to one (pair, type, sector) aggregate: the repartitioned value, kept small
 * (no evidence or titles) because an event is copied once per sector it has.
 */
public record EventTally(String articleId, long eventTime, boolean cooperative, double confidence) {

    /** Cooperative events pull the balance up, conflictual ones down, each by its confidence. */
    public double weight() {
        return cooperative ? confidence : -confidence;
    }
}
