package org.coopwatch.sink;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies records the sink cannot read to the dead-letter topic, byte for byte (key, value, original
 * headers), with the reason in the same headers Kafka Streams' built-in DLQ uses, so one tool reads
 * the whole DLQ. The producer is created on the first dead letter only.
 *
 * <p>{@link #flush()} runs before the batch's offsets are committed: a record is never skipped
 * without being in the DLQ. A crash in between can copy it twice (at-least-once).
 */
final class DeadLetters implements AutoCloseable {

    static final String EXCEPTION = "__streams.errors.exception";
    static final String MESSAGE = "__streams.errors.message";
    static final String STACKTRACE = "__streams.errors.stacktrace";
    static final String TOPIC = "__streams.errors.topic";
    static final String PARTITION = "__streams.errors.partition";
    static final String OFFSET = "__streams.errors.offset";
    /** Which coopwatch component gave up on the record. */
    static final String COMPONENT = "coopwatch.component";

    private final String topic;
    private final Map<String, Object> producerProps;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetters(String topic, String bootstrapServers, Map<String, Object> clientProps, String clientId) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // consumer-only settings passed through for the sink would only be warned about
        p.keySet().removeIf(k -> k.startsWith("group.") || k.equals("isolation.level")
                || k.startsWith("auto.") || k.startsWith("enable.auto") || k.endsWith(".deserializer"));
        this.producerProps = p;
    }

    String topic() {
        return topic;
    }

    void send(ConsumerRecord<byte[], byte[]> record, Exception reason) {
        if (producer == null) producer = new KafkaProducer<>(producerProps);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) headers.add(h);
        headers.add(EXCEPTION, utf8(reason.getClass().getName()));
        headers.add(MESSAGE, utf8(String.valueOf(reason.getMessage())));
        headers.add(STACKTRACE, utf8(stackTrace(reason)));
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        headers.add(COMPONENT, utf8("sink"));
        pending.add(producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers)));
    }

    /** Waits until every dead letter sent so far is acknowledged; returns how many. */
    int flush() {
        if (pending.isEmpty()) return 0;
        producer.flush();
        int n = pending.size();
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new SinkException("cannot write an undecodable record to the dead-letter topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while writing to the dead-letter topic " + topic, e);
        } finally {
            pending.clear();
        }
        return n;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Override
    public void close() {
        if (producer != null) producer.close();
    }
}
