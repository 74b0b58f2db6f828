package org.coopwatch.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.schemas.serde.AvroJson;
import org.coopwatch.schemas.serde.AvroSerde;
import org.coopwatch.sink.db.Batch;
import org.coopwatch.sink.db.SinkStore;
import org.coopwatch.sink.db.SqlErrors;
import org.coopwatch.sink.jsonl.JsonLinesWriter;
import org.coopwatch.sink.webhook.WebhookNotifier;
import org.coopwatch.sink.webhook.WebhookStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics to stores: reads events, alerts and aggregates ({@code read_committed}, so records of aborted
 * transactions never arrive) and writes each polled batch
 * <ol>
 *   <li>to the database, as upserts keyed by id, in one transaction;</li>
 *   <li>to JSON Lines files, one per kind, appended;</li>
 *   <li>to the {@link SinkListener}s, and alerts to the configured webhooks (queued, posted by threads of
 *       their own: a slow or failing webhook never holds up the sink; see {@link WebhookNotifier});</li>
 * </ol>
 * then commits the batch's offsets. Stopping anywhere before the commit means the batch is read again
 * on restart: the database upserts make that harmless (no duplicate rows); JSON Lines and listeners see
 * those records a second time (at-least-once; dedupe on the id).
 *
 * <p>Undecodable records are logged with topic, partition and offset, counted, copied to the DLQ topic
 * with the reason in headers (unless disabled), and skipped: one bad record does not stop the sink.
 * While the database is unavailable (transient errors: connection lost, busy, deadlock) the batch is
 * retried with backoff and the partitions are paused, keeping the group membership; any other database
 * error stops the sink with a {@link SinkException}, offsets of the failed batch uncommitted.
 *
 * <p>Run it on a thread of your own with {@link #run()} or on a new one with {@link #start()}; stop it
 * with {@link #close()} from any thread.
 */
public final class Sink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sink.class);
    private static final Duration INITIAL_RETRY_BACKOFF = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    /** The three kinds of record the sink stores; the name is also the JSON Lines file's. */
    enum Kind {
        EVENT("events"), ALERT("alerts"), AGGREGATE("aggregates");

        final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }
    }

    private record Decoded(Kind kind, SpecificRecord value) {}

    private enum State { NEW, RUNNING, CLOSED }

    private final SinkConfig config;
    private final SinkStore store;
    private final JsonLinesWriter jsonl;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DeadLetters deadLetters;
    private final WebhookNotifier webhooks;
    private final Map<String, Kind> kinds = new HashMap<>();
    private final AvroSerde<CooperationEvent> eventSerde = new AvroSerde<>(CooperationEvent.class);
    private final AvroSerde<Alert> alertSerde = new AvroSerde<>(Alert.class);
    private final AvroSerde<Aggregate> aggregateSerde = new AvroSerde<>(Aggregate.class);
    private final List<SinkListener> listeners = new CopyOnWriteArrayList<>();
    private final SinkStats stats = new SinkStats();
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** Offsets last committed per partition, to commit only when a position moved. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private final Object lock = new Object();
    private State state = State.NEW;
    private volatile boolean stopRequested;
    private volatile Thread runner;
    private volatile Throwable failure;
    private long lastProgressLog = System.nanoTime();
    private SinkStats.Snapshot lastProgress = stats.snapshot();

    /**
     * Opens the database (creating or migrating its schema), the JSON Lines folder and the consumer.
     * Nothing is read until {@link #run()} or {@link #start()}.
     *
     * @throws SinkException when the database cannot be opened or migrated, or the folder not created
     */
    public Sink(SinkConfig config) {
        this.config = config;
        kinds.put(config.topics().events(), Kind.EVENT);
        kinds.put(config.topics().alerts(), Kind.ALERT);
        kinds.put(config.topics().aggregates(), Kind.AGGREGATE);
        try {
            this.store = SinkStore.open(config.jdbcUrl(), config.tablePrefix(), config.jdbcProperties());
        } catch (SQLException e) {
            throw new SinkException("cannot open the sink database " + describeDb() + ": " + SqlErrors.describe(e), e);
        }
        JsonLinesWriter out = null;
        try {
            if (config.outputDir() != null) out = new JsonLinesWriter(config.outputDir());
            this.jsonl = out;
            this.consumer = new KafkaConsumer<>(consumerProperties(config));
            this.deadLetters = config.deadLetters()
                    ? new DeadLetters(config.topics().dlq(), config.bootstrapServers(), config.clientProperties(),
                            config.groupId() + "-dlq")
                    : null;
            this.webhooks = config.webhooks().isEmpty() ? null
                    : new WebhookNotifier(config.webhooks(), config.webhookSettings());
            if (webhooks != null) listeners.add(webhooks);
        } catch (IOException e) {
            store.close();
            throw new SinkException("cannot create the JSON Lines folder " + config.outputDir() + ": " + e, e);
        } catch (RuntimeException e) {
            store.close();
            closeQuietly(out);
            throw new SinkException("cannot create the sink's Kafka consumer: " + e.getMessage(), e);
        }
    }

    /** The consumer's settings: pass-through properties, then the ones the sink's guarantees rest on. */
    static Map<String, Object> consumerProperties(SinkConfig config) {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group stores everything
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId());
        enforce(p, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        enforce(p, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static void enforce(Map<String, Object> p, String key, String value) {
        Object given = p.put(key, value);
        if (given != null && !given.toString().equalsIgnoreCase(value)) {
            LOG.warn("Ignoring {}={} for the sink: it always uses {}={}", key, given, key, value);
        }
    }

    /** Adds a listener; call before {@link #run()} or {@link #start()} to miss nothing. */
    public Sink addListener(SinkListener listener) {
        listeners.add(listener);
        return this;
    }

    public SinkConfig config() {
        return config;
    }

    public SinkStats stats() {
        return stats;
    }

    /** Delivery counters of each configured webhook (empty without webhooks), e.g. for {@code /metrics}. */
    public List<WebhookStats> webhookStats() {
        return webhooks == null ? List.of() : webhooks.stats();
    }

    /** Schema version of the database, after migration. */
    public int schemaVersion() {
        return store.schemaVersion();
    }

    /** The failure that stopped the sink, if it stopped on one. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Runs {@link #run()} on a new thread named {@code coopwatch-sink}; see {@link #failure()}. */
    public Sink start() {
        Thread t = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException | Error e) {
                // already logged and kept in failure()
            }
        }, "coopwatch-sink");
        t.setDaemon(false);
        t.start();
        return this;
    }

    /** Waits for the sink to stop (after {@link #close()} or a failure); true if it did in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads and stores until {@link #close()} is called. Returns normally after a close; throws
     * {@link SinkException} when a failure stopped it. Either way the consumer, database and files are
     * closed when it returns.
     */
    @Override
    public void run() {
        synchronized (lock) {
            if (state != State.NEW) throw new IllegalStateException("a sink runs once; this one is " + state);
            state = State.RUNNING;
            runner = Thread.currentThread();
        }
        try {
            List<String> topics = List.of(config.topics().events(), config.topics().alerts(), config.topics().aggregates());
            consumer.subscribe(topics, new Rebalance());
            LOG.info("Sink started: {} (schema version {})", config, store.schemaVersion());
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(config.pollTimeout());
                } catch (WakeupException e) {
                    break;
                }
                if (!records.isEmpty() && !store(records)) break;
                commitPositions();
                logProgress(false);
            }
            logProgress(true);
        } catch (SinkException e) {
            failure = e;
            LOG.error("Sink stopped: {}", e.getMessage(), e);
            throw e;
        } catch (RuntimeException e) {
            SinkException wrapped = new SinkException("sink stopped: " + e, e);
            failure = wrapped;
            LOG.error("Sink stopped on an unexpected error", e);
            throw wrapped;
        } catch (Error e) {
            failure = e;
            LOG.error("Sink stopped on a fatal error", e);
            throw e;
        } finally {
            closeResources();
            terminated.countDown();
        }
    }

    /** Stores one polled batch; false when a stop was requested before the database took it. */
    private boolean store(ConsumerRecords<byte[], byte[]> records) {
        List<Decoded> decoded = new ArrayList<>(records.count());
        List<CooperationEvent> events = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<Aggregate> aggregates = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null) {
                // keys are pairs, not ids: an empty value cannot name a row to delete
                stats.tombstone();
                continue;
            }
            Kind kind = kinds.get(r.topic());
            try {
                switch (kind) {
                    case EVENT -> {
                        CooperationEvent e = eventSerde.decode(r.value());
                        events.add(e);
                        decoded.add(new Decoded(kind, e));
                    }
                    case ALERT -> {
                        Alert a = alertSerde.decode(r.value());
                        alerts.add(a);
                        decoded.add(new Decoded(kind, a));
                    }
                    case AGGREGATE -> {
                        Aggregate g = aggregateSerde.decode(r.value());
                        aggregates.add(g);
                        decoded.add(new Decoded(kind, g));
                    }
                }
            } catch (SerializationException e) {
                undecodable(r, e);
            }
        }
        if (deadLetters != null) stats.deadLettered(deadLetters.flush());

        Batch batch = Batch.of(events, alerts, aggregates);
        if (!writeWithRetry(batch, records)) return false;
        appendJsonLines(decoded);
        notifyListeners(decoded);
        stats.written(events.size(), alerts.size(), aggregates.size());
        return true;
    }

    private void undecodable(ConsumerRecord<byte[], byte[]> r, SerializationException e) {
        stats.undecodable();
        if (deadLetters != null) {
            LOG.warn("Undecodable record {}-{}@{} copied to {} and skipped: {}", r.topic(), r.partition(), r.offset(),
                    deadLetters.topic(), e.getMessage());
            deadLetters.send(r, e);
        } else {
            LOG.warn("Undecodable record {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    /**
     * Writes the batch, retrying transient database failures with doubling backoff while the partitions
     * are paused. Returns false when a stop was requested before the write succeeded.
     */
    private boolean writeWithRetry(Batch batch, ConsumerRecords<byte[], byte[]> records) {
        Duration backoff = INITIAL_RETRY_BACKOFF;
        while (true) {
            try {
                store.write(batch);
                return true;
            } catch (SQLException e) {
                if (!store.dialect().isTransient(e)) {
                    throw new SinkException("writing " + batch.size() + " records to " + describeDb() + " failed: "
                            + SqlErrors.describe(e) + " (offsets not committed: the records are read again on restart)", e);
                }
                stats.databaseRetry();
                LOG.warn("Database unavailable ({}); retrying {} records in {} ms", SqlErrors.describe(e), batch.size(),
                        backoff.toMillis());
                if (!pauseFor(backoff)) return false;
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(config.maxRetryBackoff()) > 0) backoff = config.maxRetryBackoff();
            }
        }
    }

    /**
     * Waits while staying in the group: polls with every partition paused. Records can still arrive from
     * partitions a rebalance assigned meanwhile; they are rewound so they are read again later.
     */
    private boolean pauseFor(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            consumer.pause(consumer.assignment());
            long left;
            while (!stopRequested && (left = deadline - System.nanoTime()) > 0) {
                ConsumerRecords<byte[], byte[]> early = consumer.poll(Duration.ofNanos(left));
                rewind(early);
                consumer.pause(consumer.assignment());
            }
            consumer.resume(consumer.paused());
        } catch (WakeupException e) {
            return false;
        }
        return !stopRequested;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private void appendJsonLines(List<Decoded> decoded) {
        if (jsonl == null || decoded.isEmpty()) return;
        try {
            for (Decoded d : decoded) {
                jsonl.append(d.kind().fileName, AvroJson.toJson(d.value()));
            }
            jsonl.flush();
        } catch (IOException e) {
            throw new SinkException("cannot append to the JSON Lines files in " + jsonl.dir() + ": " + e
                    + " (the database has the records; offsets not committed)", e);
        }
    }

    private void notifyListeners(List<Decoded> decoded) {
        if (listeners.isEmpty()) return;
        for (Decoded d : decoded) {
            for (SinkListener l : listeners) {
                try {
                    switch (d.kind()) {
                        case EVENT -> l.onEvent((CooperationEvent) d.value());
                        case ALERT -> l.onAlert((Alert) d.value());
                        case AGGREGATE -> l.onAggregate((Aggregate) d.value());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Sink listener {} failed on a {} record; the sink goes on", l, d.kind(), e);
                }
            }
        }
    }

    /**
     * Commits the position of every assigned partition that moved. Positions, rather than last offset + 1,
     * also step over transaction markers and aborted records, so the group's lag reaches zero.
     */
    private void commitPositions() {
        try {
            commitMovedPositions();
        } catch (WakeupException e) {
            // close() woke us while committing: finish (the wake-up is used up), then stop
            stopRequested = true;
            commitMovedPositions();
        }
    }

    private void commitMovedPositions() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position;
            try {
                position = consumer.position(tp, POSITION_TIMEOUT);
            } catch (TimeoutException e) {
                continue; // not known yet; committed on a later round
            }
            Long last = committed.get(tp);
            if (last == null || last != position) offsets.put(tp, new OffsetAndMetadata(position));
        }
        if (!offsets.isEmpty()) commit(offsets);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved to another member, which starts from the last commit: re-stored, not lost
            LOG.warn("Offset commit skipped during a rebalance ({}); the new owner re-reads those records", e.getMessage());
        }
    }

    private void logProgress(boolean last) {
        long now = System.nanoTime();
        if (!last && now - lastProgressLog < PROGRESS_EVERY.toNanos()) return;
        SinkStats.Snapshot s = stats.snapshot();
        if (last || !s.equals(lastProgress)) LOG.info("Sink: {}", s);
        lastProgress = s;
        lastProgressLog = now;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every stored batch was committed before the next poll: nothing pending to flush here
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) LOG.info("Sink assigned {}", partitions);
        }
    }

    /**
     * Stops the sink and releases everything. From another thread: asks the running loop to stop (it
     * finishes or abandons the current batch, whose offsets then stay uncommitted) and waits for it.
     * Idempotent.
     */
    @Override
    public void close() {
        boolean wait;
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    return;
                }
                case NEW -> {
                    state = State.CLOSED;
                    closeResources();
                    terminated.countDown();
                    return;
                }
                default -> {
                    state = State.CLOSED;
                    stopRequested = true;
                    wait = Thread.currentThread() != runner;
                }
            }
        }
        consumer.wakeup();
        if (wait) {
            try {
                if (!terminated.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("The sink did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeResources() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the sink's consumer failed: {}", e.toString());
        }
        if (deadLetters != null) {
            try {
                deadLetters.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the dead-letter producer failed: {}", e.toString());
            }
        }
        closeQuietly(jsonl);
        store.close();
        if (webhooks != null) webhooks.close(); // last: gives queued alerts their chance while nothing else waits
    }

    private static void closeQuietly(JsonLinesWriter w) {
        if (w == null) return;
        try {
            w.close();
        } catch (IOException e) {
            LOG.warn("Closing the JSON Lines files failed: {}", e.toString());
        }
    }

    private String describeDb() {
        return store != null ? store.describe() : org.coopwatch.sink.db.JdbcUrls.redact(config.jdbcUrl());
    }
}
