package org.coopwatch.streams.topology;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
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
import org.coopwatch.streams.alert.Alerting;
import org.coopwatch.streams.alert.Suppression;
import org.coopwatch.streams.serde.JsonSerde;

/**
 * Stage {@code alerts}: events.cooperation → rules → alerts, keyed by pair. An alert names its rule and
 * carries the event's evidence, article id and counts; the same rule, pair and type fires at most once per
 * suppression window (event time), tracked in the {@value #SUPPRESSION_STORE} store.
 */
public final class AlertsTopology {

    public static final String SOURCE = "alerts-cooperation-events-source";
    public static final String EVALUATE = "alerts-evaluate-rules";
    public static final String SINK = "alerts-sink";
    public static final String SUPPRESSION_STORE = "alerts-suppression-store";
    public static final Duration DEFAULT_SUPPRESSION = Duration.ofHours(1);

    private AlertsTopology() {}

    public static Topology build(Topics topics, Properties props) {
        return build(topics, AlertRules.defaults(), DEFAULT_SUPPRESSION, props);
    }

    public static Topology build(Topics topics, List<AlertRule> rules, Duration suppression, Properties props) {
        if (rules == null || rules.isEmpty()) throw new IllegalArgumentException("at least one alert rule is needed");
        if (suppression == null || suppression.isNegative()) {
            throw new IllegalArgumentException("suppression window must be zero or positive: " + suppression);
        }
        Set<String> names = new HashSet<>();
        for (AlertRule r : rules) {
            if (!names.add(r.name())) throw new IllegalArgumentException("two alert rules are named '" + r.name() + "'");
        }
        StreamsBuilder builder = Builders.forStage(props);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SUPPRESSION_STORE), Serdes.String(), new JsonSerde<>(Suppression.class)));
        builder.stream(topics.events().name(),
                        Consumed.with(topics.events().keySerde(), topics.events().valueSerde()).withName(SOURCE))
                .processValues(Alerting.processor(List.copyOf(rules), suppression, SUPPRESSION_STORE),
                        Named.as(EVALUATE), SUPPRESSION_STORE)
                .to(topics.alerts().name(),
                        Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName(SINK));
        return builder.build(props);
    }
}
