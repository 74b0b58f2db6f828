package org.coopwatch.sink.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.Evidence;

/** Test records with every field set, ids derived from the arguments. */
public final class Records {

    public static final Instant T0 = Instant.parse("2025-08-20T10:00:00Z");

    private Records() {}

    public static CooperationEvent event(String articleId, String source, String target, String type, double confidence) {
        String pair = source.compareTo(target) < 0 ? source + "-" + target : target + "-" + source;
        return CooperationEvent.newBuilder()
                .setEventId(articleId + "|" + source + "|" + target + "|" + type)
                .setArticleId(articleId)
                .setPair(pair)
                .setSource(source)
                .setTarget(target)
                .setType(type)
                .setCameo("057")
                .setCooperative(true)
                .setSectors(List.of("energy", "defence"))
                .setConfidence(confidence)
                .setModality("asserted")
                .setEvidence(new Evidence("India and Russia signed an energy agreement.", 10, 55))
                .setLanguage("en")
                .setTitle("India, Russia sign deal")
                .setUrl("https://news.example/" + articleId)
                .setPublished(T0)
                .setEventTime(T0)
                .setStoryId("story-" + articleId)
                .build();
    }

    public static CooperationEvent event(String articleId) {
        return event(articleId, "IND", "RUS", "AGREE", 0.8);
    }

    public static Alert alert(String eventId, long count) {
        return Alert.newBuilder()
                .setAlertId("new-agreement|" + eventId)
                .setRule("new-agreement")
                .setSeverity("warning")
                .setPair("IND-RUS")
                .setSource("IND")
                .setTarget("RUS")
                .setType("AGREE")
                .setSectors(List.of("energy"))
                .setConfidence(0.8)
                .setMessage("IND and RUS: new agreement (energy)")
                .setEvidence(new Evidence("India and Russia signed an energy agreement.", 10, 55))
                .setArticleIds(List.of("a1", "a2"))
                .setCounts(Map.of("events", count, "articles", 2L))
                .setEventTime(T0)
                .setCreated(T0.plusSeconds(5))
                .build();
    }

    public static Aggregate aggregate(String pair, Instant windowStart, long count) {
        return Aggregate.newBuilder()
                .setAggregateId("hour|" + pair + "|AGREE|energy|" + windowStart.toEpochMilli())
                .setGranularity("hour")
                .setPair(pair)
                .setType("AGREE")
                .setSector("energy")
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart.plusSeconds(3600))
                .setCount(count)
                .setArticles(Math.min(count, 3))
                .setBalance(count * 0.5)
                .setArticleIds(List.of("a1", "a2", "a3").subList(0, (int) Math.min(count, 3)))
                .build();
    }
}
