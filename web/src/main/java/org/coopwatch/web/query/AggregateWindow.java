package org.coopwatch.web.query;

import java.util.Locale;
import org.coopwatch.streams.aggregate.Granularity;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.web.http.HttpError;

/** The window sizes the API serves, each backed by one queryable store of the aggregates stage. */
public enum AggregateWindow {
    HOURLY("hourly", AggregatesTopology.HOURLY_STORE, Granularity.HOUR),
    DAILY("daily", AggregatesTopology.DAILY_STORE, Granularity.DAY);

    private final String id;
    private final String store;
    private final Granularity granularity;

    AggregateWindow(String id, String store, Granularity granularity) {
        this.id = id;
        this.store = store;
        this.granularity = granularity;
    }

    public String id() {
        return id;
    }

    public String storeName() {
        return store;
    }

    public long sizeMillis() {
        return granularity.size().toMillis();
    }

    /** hourly|hour or daily|day; null gives {@code fallback}. */
    public static AggregateWindow parse(String text, AggregateWindow fallback) {
        if (text == null) return fallback;
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "hourly", "hour", "1h" -> HOURLY;
            case "daily", "day", "1d" -> DAILY;
            default -> throw HttpError.badRequest("window must be 'hourly' or 'daily', not '" + text + "'");
        };
    }
}
