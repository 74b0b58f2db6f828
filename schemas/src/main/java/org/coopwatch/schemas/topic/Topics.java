package org.coopwatch.schemas.topic;

import org.apache.kafka.common.serialization.Serdes;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.serde.AvroSerde;
import org.coopwatch.schemas.serde.RawArticleSerde;

/**
 * The typed topic registry: every topic coopwatch reads or writes, with its serdes.
 * Keys are strings: the article id for articles, the sorted country pair ("IND-RUS") for the rest.
 */
public final class Topics {

    private final TopicNames names;
    private final Topic<String, RawArticle> raw;
    private final Topic<String, EnrichedArticle> enriched;
    private final Topic<String, CooperationEvent> events;
    private final Topic<String, Alert> alerts;
    private final Topic<String, Aggregate> aggregates;
    private final Topic<byte[], byte[]> dlq;

    public Topics(TopicNames names) {
        this.names = names;
        this.raw = new Topic<>(names.raw(), Serdes.String(), new RawArticleSerde());
        this.enriched = new Topic<>(names.enriched(), Serdes.String(), new AvroSerde<>(EnrichedArticle.class));
        this.events = new Topic<>(names.events(), Serdes.String(), new AvroSerde<>(CooperationEvent.class));
        this.alerts = new Topic<>(names.alerts(), Serdes.String(), new AvroSerde<>(Alert.class));
        this.aggregates = new Topic<>(names.aggregates(), Serdes.String(), new AvroSerde<>(Aggregate.class));
        // the DLQ holds whatever failed, byte for byte, with the reason in headers
        this.dlq = new Topic<>(names.dlq(), Serdes.ByteArray(), Serdes.ByteArray());
    }

    public static Topics defaults() {
        return new Topics(TopicNames.DEFAULTS);
    }

    public TopicNames names() { return names; }
    public Topic<String, RawArticle> raw() { return raw; }
    public Topic<String, EnrichedArticle> enriched() { return enriched; }
    public Topic<String, CooperationEvent> events() { return events; }
    public Topic<String, Alert> alerts() { return alerts; }
    public Topic<String, Aggregate> aggregates() { return aggregates; }
    public Topic<byte[], byte[]> dlq() { return dlq; }

    /** The topic of a given name, for generic tools such as {@code coopwatch tail}; null if unknown. */
    public Topic<?, ?> byName(String name) {
        for (Topic<?, ?> t : new Topic<?, ?>[] {raw, enriched, events, alerts, aggregates, dlq}) {
            if (t.name().equals(name)) return t;
        }
        return null;
    }
}
