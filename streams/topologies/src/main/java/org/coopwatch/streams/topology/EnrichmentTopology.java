package org.coopwatch.streams.topology;

import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.enrich.ArticleAnalyzer;
import org.coopwatch.streams.enrich.Enricher;
import org.coopwatch.streams.enrich.TextLimit;

/**
 * Stage {@code enrich}: articles.raw → classifier → articles.enriched, keyed by article id.
 *
 * <p>The raw topic holds Avro from our producer or a plain JSON object from any other client
 * ({@code RawArticleSerde}); anything unreadable is sent to the DLQ by the deserialization handler, and
 * an article the classifier fails on by the processing handler (see {@code StreamsSettings}). The key is
 * taken from the article (a JSON article sent without a key still gets its stable id). Text beyond
 * {@code maxTextBytes} of UTF-8 is neither classified nor stored ({@link TextLimit}).
 */
public final class EnrichmentTopology {

    public static final String SOURCE = "enrich-raw-articles-source";
    public static final String CLASSIFY = "enrich-classify";
    public static final String SINK = "enrich-enriched-articles-sink";

    private EnrichmentTopology() {}

    public static Topology build(Topics topics, ArticleAnalyzer analyzer, Properties props) {
        return build(topics, analyzer, TextLimit.DEFAULT_MAX_BYTES, props);
    }

    public static Topology build(Topics topics, ArticleAnalyzer analyzer, int maxTextBytes, Properties props) {
        Enricher enricher = new Enricher(analyzer, maxTextBytes);
        StreamsBuilder builder = Builders.forStage(props);
        builder.stream(topics.raw().name(),
                        Consumed.with(topics.raw().keySerde(), topics.raw().valueSerde()).withName(SOURCE))
                // a tombstone on the raw topic carries no article
                .filter((id, raw) -> raw != null, Named.as("enrich-skip-tombstones"))
                .map((id, raw) -> KeyValue.pair(raw.getId(), enricher.enrich(raw)), Named.as(CLASSIFY))
                .to(topics.enriched().name(),
                        Produced.with(topics.enriched().keySerde(), topics.enriched().valueSerde()).withName(SINK));
        return builder.build(props);
    }
}
