package org.coopwatch.sink.db;

import java.util.List;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/** Records to write in one transaction, each list in the order the records were read. */
public record Batch(List<CooperationEvent> events, List<Alert> alerts, List<Aggregate> aggregates) {

    public Batch {
        events = List.copyOf(events);
        alerts = List.copyOf(alerts);
        aggregates = List.copyOf(aggregates);
    }

    public static Batch of(List<CooperationEvent> events, List<Alert> alerts, List<Aggregate> aggregates) {
        return new Batch(events, alerts, aggregates);
    }

    public int size() {
        return events.size() + alerts.size() + aggregates.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
