package org.coopwatch.streams.aggregate;

import java.time.Duration;

/**
 * Window settings of the aggregates stage.
 *
 * @param grace              how late (in event time) an event may arrive and still be counted in its window
 * @param hourlyRetention    how long hourly windows stay queryable in the hourly store
 * @param dailyRetention     how long daily windows stay queryable in the daily store
 * @param maxTrackedArticles article ids kept per window and key; they make re-sent articles count once and
 *                           are published in {@code Aggregate.articleIds}. Beyond this many, further
 *                           articles are still counted but no longer de-duplicated.
 */
public record AggregateOptions(Duration grace, Duration hourlyRetention, Duration dailyRetention, int maxTrackedArticles) {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(48);

    public AggregateOptions {
        if (grace == null || grace.isNegative()) throw new IllegalArgumentException("grace must be zero or positive: " + grace);
        check("hourly", hourlyRetention, Granularity.HOUR, grace);
        check("daily", dailyRetention, Granularity.DAY, grace);
        if (maxTrackedArticles < 0) throw new IllegalArgumentException("maxTrackedArticles must be >= 0: " + maxTrackedArticles);
    }

    /** 48 h grace; hourly windows queryable for 7 days, daily ones for 35; 200 article ids per window. */
    public static AggregateOptions defaults() {
        return new AggregateOptions(DEFAULT_GRACE, Duration.ofDays(7), Duration.ofDays(35), 200);
    }

    public AggregateOptions withGrace(Duration g) {
        Duration minHourly = Granularity.HOUR.size().plus(g);
        Duration minDaily = Granularity.DAY.size().plus(g);
        return new AggregateOptions(g, max(hourlyRetention, minHourly), max(dailyRetention, minDaily), maxTrackedArticles);
    }

    public Duration retention(Granularity g) {
        return g == Granularity.HOUR ? hourlyRetention : dailyRetention;
    }

    private static void check(String name, Duration retention, Granularity g, Duration grace) {
        if (retention == null || retention.compareTo(g.size().plus(grace)) < 0) {
            throw new IllegalArgumentException(name + " retention " + retention
                    + " must be at least the window size plus the grace period (" + g.size().plus(grace) + ")");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
