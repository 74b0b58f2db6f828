package org.coopwatch.streams.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.Interaction;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.ArticleIds;

/** Explodes an enriched article into its cooperation events, one per (pair, type), keyed by the sorted pair. */
public final class CooperationEvents {

    /** Modalities of events that happened (or are reported to have): not negated, not hypothetical. */
    public static final Set<String> FACTUAL = Set.of(Modality.ASSERTED.id(), Modality.REPORTED.id());

    private CooperationEvents() {}

    /** What counts an event once however many outlets carried it: its story, else its article. */
    public static String storyKey(CooperationEvent e) {
        return e.getStoryId() != null ? e.getStoryId() : e.getArticleId();
    }

    public static boolean isFactual(CooperationEvent e) {
        return FACTUAL.contains(e.getModality());
    }

    /**
     * One event per (unordered pair, type), as the event model's output contract has it. When the article
     * holds both directions of a type (A→B and B→A), the more confident one names source and target and
     * the sectors are the union. Self-interactions (A→A) are not events.
     */
    public static List<KeyValue<String, CooperationEvent>> from(EnrichedArticle article) {
        Map<String, Interaction> best = new LinkedHashMap<>();
        Map<String, Set<String>> sectors = new LinkedHashMap<>();
        for (Interaction i : article.getInteractions()) {
            if (i.getSource().isBlank() || i.getTarget().isBlank() || i.getSource().equals(i.getTarget())) continue;
            String key = ArticleIds.pair(i.getSource(), i.getTarget()) + "|" + i.getType();
            Interaction seen = best.get(key);
            if (seen == null || i.getConfidence() > seen.getConfidence()) best.put(key, i);
            sectors.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(i.getSectors());
        }
        List<KeyValue<String, CooperationEvent>> out = new ArrayList<>(best.size());
        for (Map.Entry<String, Interaction> e : best.entrySet()) {
            Interaction i = e.getValue();
            // the winner's sectors first, then those only the other direction had
            Set<String> all = new LinkedHashSet<>(i.getSectors());
            all.addAll(sectors.get(e.getKey()));
            CooperationEvent event = event(article, i, List.copyOf(all));
            out.add(KeyValue.pair(event.getPair(), event));
        }
        return out;
    }

    /** The events of {@link #from}, without their keys (each event holds its pair). */
    public static List<CooperationEvent> list(EnrichedArticle article) {
        List<KeyValue<String, CooperationEvent>> events = from(article);
        List<CooperationEvent> out = new ArrayList<>(events.size());
        for (KeyValue<String, CooperationEvent> kv : events) out.add(kv.value);
        return out;
    }

    static CooperationEvent event(EnrichedArticle a, Interaction i, List<String> sectors) {
        PloverType type = PloverType.valueOf(i.getType());
        return CooperationEvent.newBuilder()
                .setEventId(eventId(a.getId(), i.getSource(), i.getTarget(), i.getType()))
                .setArticleId(a.getId())
                .setPair(ArticleIds.pair(i.getSource(), i.getTarget()))
                .setSource(i.getSource())
                .setTarget(i.getTarget())
                .setType(type.name())
                .setCameo(type.cameo())
                .setCooperative(type.cooperative())
                .setSectors(sectors)
                .setConfidence(i.getConfidence())
                .setModality(i.getModality())
                .setEvidence(i.getEvidence())
                .setLanguage(a.getLanguage())
                .setTitle(a.getTitle())
                .setUrl(a.getUrl())
                .setPublished(a.getPublished())
                .setEventTime(eventTime(a.getPublished(), a.getIngested()))
                .setStoryId(a.getStoryId())
                .build();
    }

    /** articleId|source|target|type: the same article always yields the same id, so a replay upserts. */
    public static String eventId(String articleId, String source, String target, String type) {
        return articleId + "|" + source + "|" + target + "|" + type;
    }

    /**
     * The published time, else the ingestion time. A publication date after ingestion cannot be right
     * (feeds with a wrong time zone do this), and would push stream time into the future, closing
     * windows early; ingestion time is the better estimate then.
     */
    public static Instant eventTime(Instant published, Instant ingested) {
        if (published == null) return ingested;
        return published.isAfter(ingested) ? ingested : published;
    }
}
