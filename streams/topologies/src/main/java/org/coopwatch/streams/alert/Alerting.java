package org.coopwatch.streams.alert;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/** Entry point of the alert package for topologies: the rule-evaluating processor. */
public final class Alerting {

    private Alerting() {}

    /**
     * @param defaultSuppression the suppression window of rules without their own
     * @param stores             the stores the processor is connected to; see {@code AlertProcessor}
     */
    public static FixedKeyProcessorSupplier<String, CooperationEvent, Alert> processor(
            List<AlertRule> rules, Duration defaultSuppression, AlertStores stores) {
        List<AlertRule> copy = List.copyOf(rules);
        return () -> new AlertProcessor(copy, defaultSuppression, stores);
    }
}
