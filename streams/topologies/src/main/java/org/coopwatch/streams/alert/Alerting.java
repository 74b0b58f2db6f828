package org.coopwatch.streams.alert;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/** Entry point of the alert package for topologies: the rule-evaluating processor. */
public final class Alerting {

    private Alerting() {}

    public static FixedKeyProcessorSupplier<String, CooperationEvent, Alert> processor(
            List<AlertRule> rules, Duration suppression, String storeName) {
        return () -> new AlertProcessor(rules, suppression, storeName);
    }
}
