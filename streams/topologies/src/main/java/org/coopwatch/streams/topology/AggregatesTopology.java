package org.coopwatch.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.schemas.serde.AvroSerde;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.aggregate.AggregateOptions;
import org.coopwatch.streams.aggregate.Aggregates;
import org.coopwatch.streams.aggregate.EventTally;
import org.coopwatch.streams.aggregate.Granularity;
import org.coopwatch.streams.event.CooperationEvents;
import org.coopwatch.streams.serde.JsonSerde;
import org.coopwatch.streams.time.EventTimeExtractor;

/**
 * Stage {@code aggregates}: events.cooperation → tumbling hourly and daily windows per (pair, type,
 * sector) in event time ({@link EventTimeExtractor}) → aggregates, keyed by pair.
 *
 * <p>Each event counts once under each of its sectors, or under "-" when it has none. Negated and
 * hypothetical events are not counted. Per window and key: events, distinct articles, and the balance
 * (cooperative minus conflictual, each weighted by its confidence). An event later than the grace period
 * (48 h by default) behind the newest event time seen is dropped, as Kafka Streams' windows do.
 *
 * <p>The windows are materialised in the queryable stores {@value #HOURLY_STORE} and
 * {@value #DAILY_STORE} (key pair|type|sector, value the {@code Aggregate} record), and every update is
 * published; {@code aggregateId} (granularity|pair|type|sector|windowStart) makes it an upsert downstream.
 * Grouping by (pair, type, sector) needs one repartition topic, shared by both granularities.
 */
public final class AggregatesTopology {

    public static final String SOURCE = "aggregates-cooperation-events-source";
    public static final String REPARTITION = "aggregates-by-pair-type-sector";
    public static final String HOURLY_STORE = "aggregates-hourly-store";
    public static final String DAILY_STORE = "aggregates-daily-store";

    private AggregatesTopology() {}

    public static Topology build(Topics topics, Properties props) {
        return build(topics, AggregateOptions.defaults(), props);
    }

    public static Topology build(Topics topics, AggregateOptions options, Properties props) {
        Serde<EventTally> tallySerde = new JsonSerde<>(EventTally.class);
        StreamsBuilder builder = Builders.forStage(props);
        KGroupedStream<String, EventTally> grouped = builder.stream(topics.events().name(),
                        Consumed.with(topics.events().keySerde(), topics.events().valueSerde())
                                .withTimestampExtractor(new EventTimeExtractor())
                                .withName(SOURCE))
                .filter((pair, e) -> e != null && CooperationEvents.isFactual(e), Named.as("aggregates-factual-events"))
                .flatMap((pair, e) -> {
                    List<KeyValue<String, EventTally>> out = new ArrayList<>();
                    EventTally t = Aggregates.tally(e);
                    for (String sector : Aggregates.sectorsOf(e)) {
                        out.add(KeyValue.pair(Aggregates.groupKey(e.getPair(), e.getType(), sector), t));
                    }
                    return out;
                }, Named.as("aggregates-split-by-sector"))
                .repartition(Repartitioned.with(Serdes.String(), tallySerde).withName(REPARTITION))
                .groupByKey(Grouped.with("aggregates-group-by-pair-type-sector", Serdes.String(), tallySerde));
        window(grouped, Granularity.HOUR, HOURLY_STORE, options, topics);
        window(grouped, Granularity.DAY, DAILY_STORE, options, topics);
        return builder.build(props);
    }

    private static void window(KGroupedStream<String, EventTally> grouped, Granularity g, String store,
                               AggregateOptions options, Topics topics) {
        String prefix = "aggregates-" + (g == Granularity.HOUR ? "hourly" : "daily");
        int maxIds = options.maxTrackedArticles();
        grouped.windowedBy(TimeWindows.ofSizeAndGrace(g.size(), options.grace()))
                .aggregate(() -> Aggregates.empty(g),
                        (key, tally, agg) -> Aggregates.add(g, key, tally, agg, maxIds),
                        Named.as(prefix + "-aggregate"),
                        Materialized.<String, Aggregate, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new AvroSerde<>(Aggregate.class))
                                .withRetention(options.retention(g)))
                .toStream(Named.as(prefix + "-updates"))
                .map((windowed, agg) -> KeyValue.pair(agg.getPair(), Aggregates.finish(g, agg, windowed.window())),
                        Named.as(prefix + "-to-record"))
                .to(topics.aggregates().name(),
                        Produced.with(topics.aggregates().keySerde(), topics.aggregates().valueSerde())
                                .withName(prefix + "-sink"));
    }
}
