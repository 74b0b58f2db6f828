package org.coopwatch.web.health;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.coopwatch.web.metrics.Collector;
import org.coopwatch.web.metrics.MetricFamily;
import org.coopwatch.web.metrics.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records in the dead-letter topic and keeps the most recent ones' reasons, by reading the
 * topic from the beginning (read_committed, no consumer group, nothing committed) on its own thread.
 * Counting records, rather than subtracting offsets, stays exact under exactly-once, where transaction
 * markers take offsets too. The reasons are the headers Kafka Streams' DLQ and the sink write
 * ({@code __streams.errors.*}).
 */
public final class DlqWatcher implements Collector, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DlqWatcher.class);
    static final int RECENT = 20;
    private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(30);
    private static final Duration RETRY_MISSING = Duration.ofSeconds(5);

    /** One dead letter, as the health panel shows it. */
    public record DeadLetter(int partition, long offset, String time, String sourceTopic, String sourcePartition,
                             String sourceOffset, String exception, String message, String component) {}

    private final String topic;
    private final Map<String, Object> consumerProps;
    private final AtomicLong total = new AtomicLong();
    private final Map<String, Long> bySource = new TreeMap<>();
    private final ArrayDeque<DeadLetter> recent = new ArrayDeque<>();
    private volatile String error;
    private volatile boolean stop;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public DlqWatcher(String topic, String bootstrapServers, Map<String, ?> clientProps) {
        this.topic = topic;
        Map<String, Object> p = ClientProps.only(clientProps, ConsumerConfig.configNames());
        p.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("enable.auto.commit") || k.startsWith("auto.offset"));
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "coopwatch-web-dlq");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerProps = p;
    }

    public String topic() {
        return topic;
    }

    public synchronized DlqWatcher start() {
        if (thread != null) return this;
        thread = new Thread(this::run, "coopwatch-web-dlq");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            consumer = c;
            Set<TopicPartition> assigned = new HashSet<>();
            long refreshAt = System.nanoTime();
            while (!stop) {
                if (System.nanoTime() - refreshAt >= 0) {
                    assigned = refreshAssignment(c, assigned);
                    refreshAt = System.nanoTime() + (assigned.isEmpty() ? RETRY_MISSING : REFRESH_PARTITIONS).toNanos();
                }
                if (assigned.isEmpty()) {
                    sleep(500);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofSeconds(1));
                for (ConsumerRecord<byte[], byte[]> r : records) add(r);
                if (!records.isEmpty()) error = null;
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            error = e.toString();
            LOG.warn("Stopped reading the dead-letter topic {}: {}", topic, e.toString());
        } finally {
            consumer = null;
        }
    }

    private Set<TopicPartition> refreshAssignment(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        try {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            Set<TopicPartition> now = new HashSet<>();
            if (infos != null) for (PartitionInfo i : infos) now.add(new TopicPartition(topic, i.partition()));
            if (now.isEmpty()) {
                error = "topic " + topic + " does not exist (yet)";
                return assigned;
            }
            if (!now.equals(assigned)) {
                Set<TopicPartition> added = new HashSet<>(now);
                added.removeAll(assigned);
                c.assign(now);
                c.seekToBeginning(added);
            }
            if (error != null && error.startsWith("topic ")) error = null;
            return now;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            error = "cannot read the partitions of " + topic + ": " + e.getMessage();
            return assigned;
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> r) {
        String sourceTopic = header(r, "__streams.errors.topic");
        DeadLetter d = new DeadLetter(r.partition(), r.offset(),
                r.timestamp() >= 0 ? Instant.ofEpochMilli(r.timestamp()).toString() : null, sourceTopic,
                header(r, "__streams.errors.partition"), header(r, "__streams.errors.offset"),
                header(r, "__streams.errors.exception"), cut(header(r, "__streams.errors.message"), 400),
                header(r, "coopwatch.component"));
        total.incrementAndGet();
        synchronized (recent) {
            bySource.merge(sourceTopic == null ? "unknown" : sourceTopic, 1L, Long::sum);
            recent.addLast(d);
            if (recent.size() > RECENT) recent.removeFirst();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    /** Records read from the DLQ so far (all of it, once caught up). */
    public long count() {
        return total.get();
    }

    public Map<String, Long> bySource() {
        synchronized (recent) {
            return new TreeMap<>(bySource);
        }
    }

    /** The latest dead letters, newest first. */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            List<DeadLetter> out = new ArrayList<>(recent);
            java.util.Collections.reverse(out);
            return out;
        }
    }

    /** Why the DLQ cannot be read right now, or null. */
    public String error() {
        return error;
    }

    @Override
    public void collect(List<MetricFamily> out) {
        out.add(new MetricFamily("coopwatch_dlq_records", "Records in the dead-letter topic (read_committed).",
                MetricFamily.Type.GAUGE, List.of(new Sample("coopwatch_dlq_records", Map.of("topic", topic), count()))));
        List<Sample> bySrc = new ArrayList<>();
        bySource().forEach((src, n) -> bySrc.add(new Sample("coopwatch_dlq_records_by_source",
                Map.of("topic", topic, "source_topic", src), n)));
        out.add(new MetricFamily("coopwatch_dlq_records_by_source",
                "Records in the dead-letter topic by the topic they failed on.", MetricFamily.Type.GAUGE, bySrc));
    }

    @Override
    public void close() {
        stop = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
