package org.coopwatch.streams.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * What the suppression store keeps per rule|pair|type: the event times of the alerts fired (newest last,
 * bounded), and how many matching events were held back since the last alert fired (reported in the next
 * alert's counts).
 *
 * <p>An event may fire when no earlier alert lies within the window of it, before or after, in event
 * time. Keeping several fired times, not just the newest, matters for late and back-filled articles: an
 * old incident alerts once, its duplicates are held, and neither re-opens the window of today's incident.
 */
public record Suppression(List<Long> fired, long held) {

    /** Fired times kept per key; beyond this the earliest are forgotten (a back-fill runs forward in time). */
    public static final int MAX_FIRED = 64;

    public Suppression {
        fired = List.copyOf(fired);
    }

    public static Suppression none() {
        return new Suppression(List.of(), 0);
    }

    public boolean allows(long eventTime, long windowMs) {
        for (long f : fired) {
            if (Math.abs(eventTime - f) < windowMs) return false;
        }
        return true;
    }

    /** After an alert fired at {@code eventTime}: remembered, the held count starts again. */
    public Suppression fire(long eventTime) {
        List<Long> next = new ArrayList<>(fired);
        int at = 0;
        while (at < next.size() && next.get(at) <= eventTime) at++;
        next.add(at, eventTime);
        while (next.size() > MAX_FIRED) next.remove(0);
        return new Suppression(next, 0);
    }

    public Suppression hold() {
        return new Suppression(fired, held + 1);
    }
}
