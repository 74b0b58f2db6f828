package org.coopwatch.schemas.topic;

import java.util.List;
import java.util.Map;

/** The names of coopwatch's topics; each can be overridden (e.g. per team or environment). */
public record TopicNames(String raw, String enriched, String events, String alerts, String aggregates, String dlq) {

    public static final TopicNames DEFAULTS = new TopicNames(
            "articles.raw", "articles.enriched", "events.cooperation", "alerts", "aggregates", "coopwatch.dlq");

    /** Keys of the overrides map: raw, enriched, events, alerts, aggregates, dlq. */
    public static TopicNames withOverrides(Map<String, String> overrides) {
        TopicNames d = DEFAULTS;
        return new TopicNames(
                overrides.getOrDefault("raw", d.raw),
                overrides.getOrDefault("enriched", d.enriched),
                overrides.getOrDefault("events", d.events),
                overrides.getOrDefault("alerts", d.alerts),
                overrides.getOrDefault("aggregates", d.aggregates),
                overrides.getOrDefault("dlq", d.dlq));
    }

    public List<String> all() {
        return List.of(raw, enriched, events, alerts, aggregates, dlq);
    }
}
