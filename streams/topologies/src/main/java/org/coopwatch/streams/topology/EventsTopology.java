package org.coopwatch.streams.topology;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.dedup.DedupOptions;
import org.coopwatch.streams.dedup.StoryDedup;
import org.coopwatch.streams.event.CooperationEvents;

/**
 * Stage {@code events}: articles.enriched → one CooperationEvent per (article, pair, type) →
 * events.cooperation, re-keyed by the sorted pair ("IND-RUS") so that one partition sees every event of
 * a pair in order. The record timestamp stays the ingestion-side timestamp; event time travels in the
 * value ({@code eventTime}), because a record stamped with an old publication date would fall straight
 * out of the topic's time-based retention.
 *
 * <p>Between the two, the story index ({@link StoryDedup}) drops exact duplicates and gives each event its
 * story id and the story's number of distinct sources; it runs in one task behind a one-partition
 * repartition topic (see {@code StoryIndex} for why).
 */
public final class EventsTopology {

    public static final String SOURCE = "events-enriched-articles-source";
    public static final String EXPLODE = "events-explode-interactions";
    public static final String SINK = "events-cooperation-events-sink";

    private EventsTopology() {}

    public static Topology build(Topics topics, Properties props) {
        return build(topics, DedupOptions.defaults(), props);
    }

    public static Topology build(Topics topics, DedupOptions dedup, Properties props) {
        StreamsBuilder builder = Builders.forStage(props);
        StoryDedup.eventsByStory(builder.stream(topics.enriched().name(),
                        Consumed.with(topics.enriched().keySerde(), topics.enriched().valueSerde()).withName(SOURCE))
                        .filter((id, article) -> article != null, Named.as("events-skip-tombstones")),
                        CooperationEvents::list, EXPLODE, dedup)
                .to(topics.events().name(),
                        Produced.with(topics.events().keySerde(), topics.events().valueSerde()).withName(SINK));
        return builder.build(props);
    }
}
