package org.coopwatch.streams.dedup;

import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;

/**
 * The dedup step of the events stage: enriched articles in, their cooperation events out with story id and
 * source count, exact duplicates dropped. The events are made and the text fingerprinted where the
 * articles are (in parallel, and a record breaking the contract fails there, so the DLQ names
 * articles.enriched); only the small candidates cross the {@value StoryIndex#TOPIC} topic to the index.
 */
public final class StoryDedup {

    private StoryDedup() {}

    /**
     * @param articles  enriched articles, tombstones already removed
     * @param events    the events of one article (before story assignment)
     * @param fingerprint name of the step that makes the events and the fingerprint
     */
    public static KStream<String, CooperationEvent> eventsByStory(KStream<String, EnrichedArticle> articles,
            Function<EnrichedArticle, List<CooperationEvent>> events, String fingerprint, DedupOptions options) {
        return articles
                .mapValues(a -> StoryCandidate.of(a, events.apply(a), options), Named.as(fingerprint))
                .repartition(Repartitioned.with(Serdes.String(), new StoryCandidateSerde())
                        .withName(StoryIndex.TOPIC).withNumberOfPartitions(1))
                .process(StoryIndex.supplier(options), Named.as(StoryIndex.PROCESSOR));
    }
}
