package org.coopwatch.streams.config;

import java.util.Locale;

/**
 * The four Kafka Streams stages of the pipeline. Each runs as its own Kafka Streams application
 * ({@code application.id = <prefix>-<id>}); see {@link StreamsSettings} for why.
 */
public enum Stage {
    /** articles.raw → classify → articles.enriched (CPU-heavy). */
    ENRICH("enrich"),
    /** articles.enriched → one cooperation event per (article, pair, type), keyed by pair. */
    EVENTS("events"),
    /** events.cooperation → alerts (rules, suppression store). */
    ALERTS("alerts"),
    /** events.cooperation → hourly and daily windowed aggregates (queryable stores). */
    AGGREGATES("aggregates");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    /** The stage's short name, used as the application.id suffix and on the command line. */
    public String id() {
        return id;
    }

    public static Stage fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Stage s : values()) {
            if (s.id.equals(wanted)) return s;
        }
        throw new IllegalArgumentException("unknown stage '" + id + "': expected one of enrich, events, alerts, aggregates");
    }
}
