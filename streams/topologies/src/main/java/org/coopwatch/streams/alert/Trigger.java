package org.coopwatch.streams.alert;

import java.time.Duration;

/**
 * When a rule fires on the events its filter lets through: on each one ({@link Match}), when the pair has
 * not had one of the event's sectors for a while ({@link FirstSeen}), or when the pair's count in the
 * last hour jumps ({@link Spike}).
 */
public sealed interface Trigger permits Trigger.Match, Trigger.FirstSeen, Trigger.Spike {

    /** As written after {@code kind:} in the rules file. */
    String kind();

    Match MATCH = new Match();

    /** Every matching event is an alert (subject to suppression per rule, pair and type). */
    record Match() implements Trigger {
        @Override
        public String kind() {
            return "match";
        }
    }

    /**
     * A matching event whose pair had none of its sector within {@code quiet} of it (before or after, in
     * event time): "first defence event between IND and BRA in 30 days". Events without a sector never
     * fire. Quiet until the stage has watched for {@code quiet}: before that, everything would be new.
     */
    record FirstSeen(Duration quiet) implements Trigger {
        public static final Duration DEFAULT_QUIET = Duration.ofDays(30);

        public FirstSeen {
            if (quiet == null || quiet.compareTo(Duration.ofHours(1)) < 0 || quiet.toMinutes() % 60 != 0) {
                throw new IllegalArgumentException("first-seen: the quiet period must be whole hours, at least 1: " + quiet);
            }
        }

        @Override
        public String kind() {
            return "first-seen";
        }
    }

    /**
     * The pair's matching events in the last hour (twelve 5-minute buckets up to the event's) are at least
     * {@code minEvents} and more than {@code factor} times the hourly mean of the {@code baseline} before
     * that hour. Quiet until the stage has watched for the baseline plus an hour.
     */
    record Spike(double factor, long minEvents, Duration baseline) implements Trigger {
        public static final double DEFAULT_FACTOR = 3.0;
        public static final long DEFAULT_MIN_EVENTS = 5;
        public static final Duration DEFAULT_BASELINE = Duration.ofHours(24);
        public static final Duration MAX_BASELINE = Duration.ofDays(7);

        public Spike {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("spike: factor must be a positive number: " + factor);
            }
            if (minEvents < 1) throw new IllegalArgumentException("spike: min-events must be at least 1: " + minEvents);
            if (baseline == null || baseline.compareTo(Duration.ofHours(1)) < 0 || baseline.compareTo(MAX_BASELINE) > 0
                    || baseline.toMinutes() % 60 != 0) {
                throw new IllegalArgumentException("spike: the baseline must be whole hours from 1 h to 7 days: " + baseline);
            }
        }

        public long baselineHours() {
            return baseline.toHours();
        }

        @Override
        public String kind() {
            return "spike";
        }
    }
}
