package org.coopwatch.streams.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the first-seen store keeps per rule|pair|sector: event times at which the pair had the sector,
 * sorted, thinned to what the question "any sighting within the quiet period of t?" needs.
 *
 * <p>Thinning is exact: a sighting whose neighbours lie less than twice the quiet period apart can
 * never be the only one within the quiet period of any time, so it is dropped. What is left grows with
 * the number of quiet gaps, not with the number of events; beyond {@link #MAX} the earliest go.
 */
public record Sightings(List<Long> times) {

    public static final int MAX = 64;

    public Sightings {
        times = List.copyOf(times);
    }

    public static Sightings none() {
        return new Sightings(List.of());
    }

    /** True when no sighting lies within {@code quietMs} of {@code t}, before or after. */
    public boolean quietAround(long t, long quietMs) {
        for (long s : times) {
            if (Math.abs(s - t) < quietMs) return false;
        }
        return true;
    }

    /** The latest sighting before {@code t}, if any. */
    public OptionalLong lastBefore(long t) {
        OptionalLong last = OptionalLong.empty();
        for (long s : times) {
            if (s < t) last = OptionalLong.of(s);
        }
        return last;
    }

    /** With a sighting at {@code t} added (in order) and the list thinned for {@code quietMs}. */
    public Sightings add(long t, long quietMs) {
        List<Long> next = new ArrayList<>(times);
        int at = 0;
        while (at < next.size() && next.get(at) < t) at++;
        if (at < next.size() && next.get(at) == t) return this;
        next.add(at, t);
        for (int i = 1; i + 1 < next.size(); ) {
            if (next.get(i + 1) - next.get(i - 1) < 2 * quietMs) next.remove(i); else i++;
        }
        while (next.size() > MAX) next.remove(0);
        return new Sightings(next);
    }
}
