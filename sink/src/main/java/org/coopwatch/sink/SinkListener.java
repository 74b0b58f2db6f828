package org.coopwatch.sink;

import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/**
 * Told about every record the sink stored, after the database transaction holding it committed (and
 * after its JSON line was appended), in the order read from each partition.
 *
 * <p>Called on the sink's own thread: return quickly (hand slow work such as webhooks to a queue of
 * your own). Delivery is at-least-once, like the topics: after a restart, records whose offsets were
 * not yet committed are stored again and reported again, so key anything you do on the record's id.
 * An exception thrown here is logged and does not stop the sink.
 */
public interface SinkListener {

    default void onEvent(CooperationEvent event) {}

    default void onAlert(Alert alert) {}

    default void onAggregate(Aggregate aggregate) {}
}
