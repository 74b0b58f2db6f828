package org.coopwatch.streams.topology;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRules;
import org.coopwatch.streams.alert.AlertStores;
import org.coopwatch.streams.alert.Alerting;
import org.coopwatch.streams.alert.Sightings;
import org.coopwatch.streams.alert.SpikeCounts;
import org.coopwatch.streams.alert.Suppression;
import org.coopwatch.streams.serde.JsonSerde;

/**
 * Stage {@code alerts}: events.cooperation → rules → alerts, keyed by pair. Rules fire on single events
 * (match), on a pair's first event of a sector in a while (first-seen), or on a jump in a pair's hourly
 * count (spike); all in event time, so a replay fires the same alerts with the same ids. An alert names
 * its rule and carries the evidence, the articles and the counts that triggered it; the same alert is
 * held back within its rule's suppression window.
 *
 * <p>State, all keyed under the pair and so local to its partition: {@value #SUPPRESSION_STORE},
 * {@value #FIRST_SEEN_STORE}, {@value #SPIKE_STORE}. The three stores exist whatever the rules are, so
 * adding a rule of a new kind does not change the topology.
 */
public final class AlertsTopology {

    public static final String SOURCE = "alerts-cooperation-events-source";
    public static final String EVALUATE = "alerts-evaluate-rules";
    public static final String SINK = "alerts-sink";
    public static final String SUPPRESSION_STORE = "alerts-suppression-store";
    public static final String FIRST_SEEN_STORE = "alerts-first-seen-store";
    public static final String SPIKE_STORE = "alerts-spike-store";
    public static final Duration DEFAULT_SUPPRESSION = Duration.ofHours(1);

    private AlertsTopology() {}

    /** With the rules of the default rules file. */
    public static Topology build(Topics topics, Properties props) {
        return build(topics, AlertRules.defaults(), DEFAULT_SUPPRESSION, props);
    }

    /**
     * @param rules              evaluated in order on every event; may be empty (nothing fires)
     * @param defaultSuppression the suppression window of rules without one of their own
     */
    public static Topology build(Topics topics, List<AlertRule> rules, Duration defaultSuppression, Properties props) {
        if (rules == null) throw new IllegalArgumentException("alert rules are required (an empty list fires nothing)");
        if (defaultSuppression == null || defaultSuppression.isNegative()) {
            throw new IllegalArgumentException("suppression window must be zero or positive: " + defaultSuppression);
        }
        Set<String> names = new HashSet<>();
        for (AlertRule r : rules) {
            if (!names.add(r.name())) throw new IllegalArgumentException("two alert rules are named '" + r.name() + "'");
        }
        StreamsBuilder builder = Builders.forStage(props);
        addStore(builder, SUPPRESSION_STORE, new JsonSerde<>(Suppression.class));
        addStore(builder, FIRST_SEEN_STORE, new JsonSerde<>(Sightings.class));
        addStore(builder, SPIKE_STORE, new JsonSerde<>(SpikeCounts.class));
        builder.stream(topics.events().name(),
                        Consumed.with(topics.events().keySerde(), topics.events().valueSerde()).withName(SOURCE))
                .processValues(Alerting.processor(rules, defaultSuppression,
                                new AlertStores(SUPPRESSION_STORE, FIRST_SEEN_STORE, SPIKE_STORE)),
                        Named.as(EVALUATE), SUPPRESSION_STORE, FIRST_SEEN_STORE, SPIKE_STORE)
                .to(topics.alerts().name(),
                        Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName(SINK));
        return builder.build(props);
    }

    private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> serde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde));
    }
}
