package org.coopwatch.streams.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.Window;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.streams.event.CooperationEvents;

/** The pieces of the windowed aggregation: grouping key, tally, initial value, aggregator, final record. */
public final class Aggregates {

    /** The sector under which events without any sector are counted. */
    public static final String NO_SECTOR = "-";

    private Aggregates() {}

    /** pair|type|sector: one group per combination; pair first, so a key's pair is its prefix. */
    public static String groupKey(String pair, String type, String sector) {
        return pair + "|" + type + "|" + sector;
    }

    /** The event's sectors, or {@link #NO_SECTOR} when it has none. */
    public static List<String> sectorsOf(CooperationEvent e) {
        return e.getSectors().isEmpty() ? List.of(NO_SECTOR) : e.getSectors().stream().distinct().toList();
    }

    /**
     * What an event contributes. Copies of a story (syndicated wire copy, re-listed items) count once: the
     * tally's id is the story id, which is the id of the story's first article, else the article id.
     */
    public static EventTally tally(CooperationEvent e) {
        return new EventTally(CooperationEvents.storyKey(e), e.getEventTime().toEpochMilli(), e.getCooperative(), e.getConfidence());
    }

    public static Aggregate empty(Granularity g) {
        return Aggregate.newBuilder()
                .setAggregateId("").setGranularity(g.id()).setPair("").setType("").setSector("")
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
                .setCount(0).setArticles(0).setBalance(0.0).setArticleIds(List.of())
                .build();
    }

    /**
     * Adds one event. An article already counted in this window is not counted again (a re-sent or
     * re-ingested article yields the same events); {@code maxTrackedArticles} bounds that memory.
     */
    public static Aggregate add(Granularity g, String key, EventTally t, Aggregate agg, int maxTrackedArticles) {
        if (agg.getArticleIds().contains(t.articleId())) return agg;
        String[] k = key.split("\\|", 3);
        long start = g.windowStart(t.eventTime());
        List<String> ids = agg.getArticleIds();
        if (ids.size() < maxTrackedArticles) {
            ids = new ArrayList<>(ids);
            ids.add(t.articleId());
        }
        return Aggregate.newBuilder(agg)
                .setAggregateId(aggregateId(g, k[0], k[1], k[2], start))
                .setPair(k[0]).setType(k[1]).setSector(k[2])
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(start + g.size().toMillis()))
                .setCount(agg.getCount() + 1)
                .setArticles(agg.getArticles() + 1)
                // rounded so that sums of confidences read as they should (0.3, not 0.30000000000000004)
                .setBalance(Math.round((agg.getBalance() + t.weight()) * 1e6) / 1e6)
                .setArticleIds(ids)
                .build();
    }

    /** The record published: window bounds from the window itself, which is authoritative. */
    public static Aggregate finish(Granularity g, Aggregate agg, Window w) {
        return Aggregate.newBuilder(agg)
                .setAggregateId(aggregateId(g, agg.getPair(), agg.getType(), agg.getSector(), w.start()))
                .setWindowStart(Instant.ofEpochMilli(w.start()))
                .setWindowEnd(Instant.ofEpochMilli(w.end()))
                .build();
    }

    /** granularity|pair|type|sector|windowStart (ISO-8601 UTC): the upsert key of an aggregate. */
    public static String aggregateId(Granularity g, String pair, String type, String sector, long windowStart) {
        return g.id() + "|" + pair + "|" + type + "|" + sector + "|" + Instant.ofEpochMilli(windowStart);
    }
}
