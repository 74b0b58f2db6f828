package org.coopwatch.streams.time;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.coopwatch.avro.CooperationEvent;

/**
 * Event time for windowing: {@code CooperationEvent.eventTime} (the article's publication time, else its
 * ingestion time). Anything else keeps the record's own timestamp, or the partition's stream time if the
 * record has none.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof CooperationEvent e && e.getEventTime() != null) {
            return e.getEventTime().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
