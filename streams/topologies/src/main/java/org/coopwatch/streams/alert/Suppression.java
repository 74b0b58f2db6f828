package org.coopwatch.streams.alert;

/**
 * What the suppression store keeps per rule|pair|type: the event time of the last alert fired, and how
 * many matching events were held back since then (reported in the next alert's counts).
 */
public record Suppression(long lastFired, long suppressed) {

    /** Whether an event at {@code eventTime} may fire again: no alert within {@code windowMs} of it. */
    public boolean allows(long eventTime, long windowMs) {
        return Math.abs(eventTime - lastFired) >= windowMs;
    }

    /**
     * After firing at {@code eventTime}. The latest fired time is kept, so a late event about an older
     * incident may fire on its own without re-opening the window for the current one.
     */
    public Suppression fired(long eventTime) {
        return new Suppression(Math.max(lastFired, eventTime), 0);
    }

    public Suppression held() {
        return new Suppression(lastFired, suppressed + 1);
    }
}
