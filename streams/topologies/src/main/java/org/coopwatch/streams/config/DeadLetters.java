package org.coopwatch.streams.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages' exception handlers around Kafka's dead-letter queue (KIP-1034): log, copy the record to the
 * DLQ, go on, as Kafka's log-and-continue handlers do, but never with a copy Kafka cannot take.
 *
 * <p>Why: a raw article may be far larger than it looks on the broker (10 MB of text compresses into a
 * record the raw topic takes), and its DLQ copy goes out uncompressed. A copy over the producer's
 * {@code max.request.size} fails the send; under exactly-once that also fails the transaction, so the stage
 * stops, and stops again on the same record at every start. A copy that would not fit is therefore sent
 * without its value, with the headers that name the original (topic, partition, offset, the error) and
 * {@value #VALUE_OMITTED} saying why; the original stays in its topic.
 */
public final class DeadLetters {

    /** Header of a DLQ record sent without the original value, saying why and where the original is. */
    public static final String VALUE_OMITTED = "coopwatch.dlq.value.omitted";
    /** Kafka's own default max.request.size. */
    static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1 << 20;
    /** Room for Kafka's record and batch framing on top of key, value and headers. */
    static final int FRAMING_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {}

    /** The largest DLQ record the stages' producer sends, from the same settings it is configured with. */
    static int maxRecordBytes(Map<String, ?> configs) {
        Object v = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (v == null) v = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return v == null ? KAFKA_DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(v.toString().trim());
    }

    /** The records as they are, except that one too large to send loses its value (see the class comment). */
    static List<ProducerRecord<byte[], byte[]>> fit(List<ProducerRecord<byte[], byte[]>> records, int maxBytes) {
        if (records == null || records.isEmpty()) return records;
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            long size = size(r);
            if (size <= maxBytes) {
                out.add(r);
                continue;
            }
            String where = header(r.headers(), "__streams.errors.topic") + "-" + header(r.headers(), "__streams.errors.partition")
                    + "@" + header(r.headers(), "__streams.errors.offset");
            String why = "value of " + (r.value() == null ? 0 : r.value().length) + " bytes left out: the record would be "
                    + size + " bytes, over the " + maxBytes + " bytes a DLQ record may have (max.request.size);"
                    + " the original is still in " + where;
            LOG.error("Record {} went to {} without its value: {}", where, r.topic(), why);
            Headers headers = new RecordHeaders(r.headers().toArray());
            headers.add(VALUE_OMITTED, why.getBytes(StandardCharsets.UTF_8));
            ProducerRecord<byte[], byte[]> omitted = new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), null, headers);
            if (size(omitted) > maxBytes) headers.remove("__streams.errors.stacktrace"); // the log has it
            out.add(omitted);
        }
        return out;
    }

    static long size(ProducerRecord<byte[], byte[]> r) {
        long size = FRAMING_BYTES + (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        return size;
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A record that cannot be deserialised: logged, copied to the DLQ (value permitting), skipped. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private int maxBytes = KAFKA_DEFAULT_MAX_REQUEST_SIZE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            maxBytes = maxRecordBytes(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                ConsumerRecord<byte[], byte[]> record, Exception exception) {
            DeserializationExceptionHandler.Response r = super.handleError(context, record, exception);
            List<ProducerRecord<byte[], byte[]>> dead = fit(r.deadLetterQueueRecords(), maxBytes);
            return r.result() == DeserializationExceptionHandler.Result.FAIL
                    ? DeserializationExceptionHandler.Response.fail(dead) : DeserializationExceptionHandler.Response.resume(dead);
        }
    }

    /** A record a stage fails on (e.g. the classifier throws): logged, copied to the DLQ (value permitting), skipped. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private int maxBytes = KAFKA_DEFAULT_MAX_REQUEST_SIZE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            maxBytes = maxRecordBytes(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                Exception exception) {
            ProcessingExceptionHandler.Response r = super.handleError(context, record, exception);
            List<ProducerRecord<byte[], byte[]>> dead = fit(r.deadLetterQueueRecords(), maxBytes);
            return r.result() == ProcessingExceptionHandler.Result.FAIL
                    ? ProcessingExceptionHandler.Response.fail(dead) : ProcessingExceptionHandler.Response.resume(dead);
        }
    }

    /**
     * A record Kafka does not take stops the stage, as with Kafka's default handler (losing output silently is
     * worse than stopping). For a DLQ record the stage stops with a message naming the original record,
     * where Kafka's default handler would try to dead-letter the dead letter and fail on its unknown
     * timestamp instead ("Invalid timestamp: -1").
     */
    public static final class Production implements ProductionExceptionHandler {
        private final DefaultProductionExceptionHandler outputs = new DefaultProductionExceptionHandler();
        private String dlqTopic;

        @Override
        public void configure(Map<String, ?> configs) {
            outputs.configure(configs);
            Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            dlqTopic = topic == null ? null : topic.toString();
        }

        @Override
        public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (dlqTopic == null || !dlqTopic.equals(record.topic())) return outputs.handleError(context, record, exception);
            LOG.error("Record {}-{}@{} could not be read or processed, and copying it to {} failed: {}",
                    header(record.headers(), "__streams.errors.topic"), header(record.headers(), "__streams.errors.partition"),
                    header(record.headers(), "__streams.errors.offset"), dlqTopic, exception.toString());
            return ProductionExceptionHandler.Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
            return outputs.handleSerializationError(context, record, exception, origin);
        }
    }
}
