package org.coopwatch.producer;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.producer.source.FileSource;
import org.coopwatch.producer.source.Formats;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.producer.source.ReadSink;
import org.coopwatch.producer.source.ReadStopped;
import org.coopwatch.producer.source.Sizes;
import org.coopwatch.producer.source.SourceArticle;
import org.coopwatch.schemas.topic.Topic;

/**
 * Publishes articles read from files, folders and stdin to the raw-articles topic: key = article id
 * (URL, else content hash), idempotent with {@code acks=all}, every send's outcome checked. A problem
 * with an input never stops the run; it is in the report, named by file (and line).
 *
 * <pre>{@code
 * try (ArticlePublisher publisher = ArticlePublisher.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .topic(Topics.defaults().raw())
 *         .build()) {
 *     PublishReport report = publisher.publish(List.of("news/", "-"), ConsoleProgress.forStderr());
 *     System.exit(report.exitCode());
 * }
 * }</pre>
 */
public final class ArticlePublisher implements AutoCloseable {

    /**
     * The largest request (so record) the producer sends: 8 MiB, well above the 2 MiB default text limit.
     * The broker's {@code message.max.bytes} (and the topic's {@code max.message.bytes}) must be at least this.
     */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 8 << 20;
    /** How long publishing waits for a reachable broker and the topic before giving up with a message. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Settings that carry the "nothing lost, nothing doubled" promise; overrides may not weaken them. */
    private static final Set<String> GUARANTEES = Set.of(
            ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);

    private final Topic<String, RawArticle> topic;
    private final Map<String, Object> config;
    private final FileSource files;
    private final Duration connectTimeout;
    private Producer<String, RawArticle> producer;
    private volatile boolean stopRequested;
    private final long maxRequestSize;
    private final long deliveryTimeoutMs;
    private final double rate;

    private ArticlePublisher(Builder b) {
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.config = producerConfig(b.bootstrapServers, b.clientProperties);
        this.files = new FileSource(b.readOptions, b.formats, b.stdin);
        this.connectTimeout = b.connectTimeout;
        this.rate = b.rate;
        this.maxRequestSize = Long.parseLong(String.valueOf(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)));
        this.deliveryTimeoutMs = Long.parseLong(String.valueOf(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
        if (b.readOptions.maxTextBytes() >= maxRequestSize) {
            throw new PublishException("the article text limit (" + Sizes.human(b.readOptions.maxTextBytes())
                    + ") must be below the producer's max.request.size (" + Sizes.human(maxRequestSize) + ")");
        }
    }

    /** Made once Kafka has answered, so an unreachable broker gives one message, not a producer retrying too. */
    private Producer<String, RawArticle> producer() {
        if (producer == null) {
            try {
                producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
            } catch (KafkaException e) {
                throw new PublishException("cannot create the Kafka producer: " + rootMessage(e), e);
            }
        }
        return producer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The producer settings: ours first, then the caller's pass-through properties (security, client id,
     * tuning), which win except where they would weaken acks=all or idempotence.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> overrides) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "coopwatch-producer");
        // No loss, no duplicates from retries: every in-sync replica has it before it counts as sent.
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"); // the most idempotence keeps in order
        // Retries go on until the delivery timeout: five minutes rides out a broker restart or a leader move.
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // A full buffer during an outage makes send() wait rather than fail records straight away.
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L << 20));
        // News text compresses 3-5x with zstd; batches of a few articles make that count.
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 << 10));
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(DEFAULT_MAX_REQUEST_SIZE));
        if (overrides != null) {
            for (Map.Entry<String, ?> e : overrides.entrySet()) {
                String key = e.getKey();
                String value = String.valueOf(e.getValue()).trim();
                if (key.equals(ProducerConfig.ACKS_CONFIG) && !(value.equals("all") || value.equals("-1"))) {
                    throw new PublishException("acks=" + value + " is not allowed: produce publishes with acks=all so"
                            + " that an acknowledged article is on every in-sync replica");
                }
                if (key.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG) && !value.equalsIgnoreCase("true")) {
                    throw new PublishException("enable.idempotence=" + value + " is not allowed: without it a retry"
                            + " can write an article twice");
                }
                if (key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                    throw new PublishException("transactional.id is not supported by produce (it publishes"
                            + " idempotently, without transactions)");
                }
                if (key.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)
                        || key.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
                    throw new PublishException(key + " cannot be set: the topic's serdes write articles.raw");
                }
                if (!GUARANTEES.contains(key)) c.put(key, e.getValue()); // validated above: same meaning as ours
            }
        }
        Object bootstrap = c.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || String.valueOf(bootstrap).isBlank()) {
            throw new PublishException("no Kafka bootstrap servers given");
        }
        return Collections.unmodifiableMap(c);
    }

    /** The settings the producer runs with (for logs and tests; secrets included, so mask before printing). */
    public Map<String, Object> config() {
        return config;
    }

    public Topic<String, RawArticle> topic() {
        return topic;
    }

    /**
     * Reads the inputs (files, folders recursively in sorted order, "-" for stdin) and publishes every
     * article, then waits until Kafka has acknowledged or failed each one.
     *
     * @throws PublishException         when Kafka cannot be reached or the topic does not exist (nothing is read then)
     * @throws IllegalArgumentException for unusable inputs: none at all, or "-" twice
     */
    public PublishReport publish(List<String> inputs, ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        FileSource.Plan plan = files.plan(inputs);
        checkTopic();
        producer();
        Run run = new Run(plan.inputs(), plan.bytes(), files::bytesRead);
        Pacer pacer = rate > 0 ? new Pacer(rate) : null;
        listener.started(topic.name(), plan.inputs());
        for (Problem p : plan.rejected()) {
            run.problem(p, listener);
            run.inputDone(true);
        }
        listener.progress(run.progress());
        ReadSink sink = new ReadSink() {
            @Override
            public void article(SourceArticle article) {
                if (stopRequested) throw new ReadStopped(article.origin());
                if (pacer != null && !pacer.await(() -> stopRequested)) throw new ReadStopped(article.origin());
                send(article, run);
                listener.progress(run.progress());
            }

            @Override
            public void problem(Problem problem) {
                run.problem(problem, listener);
            }
        };
        for (FileSource.Planned f : plan.files()) {
            if (stopRequested) {
                run.stoppedAt = f.name();
                break;
            }
            try {
                FileSource.Outcome outcome = files.read(f, sink);
                run.inputDone(outcome.skipped());
            } catch (ReadStopped e) {
                run.stoppedAt = e.at();
                break;
            }
            listener.progress(run.progress());
        }
        awaitDeliveries(run, listener);
        PublishReport report = run.report(topic.name());
        listener.finished(report);
        return report;
    }

    /**
     * Asks a running {@link #publish} to stop reading, e.g. from a Ctrl-C shutdown hook. Articles already
     * handed to Kafka are still confirmed; publish then returns a report saying where it stopped
     * ({@link PublishReport#stoppedAt()}), so a rerun can start there. Safe to call from any thread.
     */
    public void stop() {
        stopRequested = true;
    }

    private void send(SourceArticle a, Run run) {
        run.sent();
        sendAsync(a, (x, error) -> {
            if (error == null) run.acknowledged();
            else run.failed(new FailedSend(x.id(), x.origin(), error));
        });
    }

    /**
     * For long-running sources (feeds, watched folders): checks once that Kafka and the topic are there.
     *
     * @throws PublishException when Kafka cannot be reached or the topic does not exist
     */
    public void connect() {
        checkTopic();
        producer();
    }

    /** What Kafka said about one article handed to {@link #sendAsync}: null error means acknowledged. */
    @FunctionalInterface
    public interface Delivery {
        void done(SourceArticle article, String error);
    }

    /**
     * Hands one article to Kafka; {@code delivery} hears, on the producer's I/O thread, whether it was
     * acknowledged (acks=all) or why not (in words, as in {@link FailedSend}). While the broker is away the
     * producer retries until {@code delivery.timeout.ms}; when the send buffer is full this call waits.
     * For sources that remember what they published only once it is acknowledged.
     */
    public void sendAsync(SourceArticle a, Delivery delivery) {
        try {
            producer().send(new ProducerRecord<>(topic.name(), a.id(), a.article()),
                    (metadata, error) -> delivery.done(a, error == null ? null : describe(error, a)));
        } catch (InterruptException e) {
            delivery.done(a, "interrupted before it was sent");
            throw new PublishException("interrupted while publishing " + a.origin(), e);
        } catch (KafkaException e) {
            // serialization, a closed or fenced producer: the send never started, so no callback comes
            delivery.done(a, describe(e, a));
        }
    }

    /** Waits for the last acknowledgements, telling the listener every second how many are left. */
    private void awaitDeliveries(Run run, ProgressListener listener) {
        try {
            while (!run.awaitAllConfirmed(1000)) {
                listener.progress(run.progress());
            }
            producer().flush(); // nothing left in flight; makes the end of the run explicit for the client too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka to acknowledge "
                    + run.progress().unconfirmed() + " articles; they may or may not be in the topic");
        }
    }

    /** Before reading anything: is Kafka there, and the topic? A clear message beats a minute of silent retries. */
    private void checkTopic() {
        Map<String, Object> adminConfig = new LinkedHashMap<>();
        Set<String> adminNames = AdminClientConfig.configNames();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (adminNames.contains(e.getKey())) adminConfig.put(e.getKey(), e.getValue());
        }
        int timeoutMs = (int) connectTimeout.toMillis();
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, config.get(ProducerConfig.CLIENT_ID_CONFIG) + "-check");
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        String bootstrap = String.valueOf(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeTopics(List.of(topic.name())).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UnknownTopicOrPartitionException) {
                throw new PublishException("topic '" + topic.name() + "' does not exist on " + bootstrap
                        + "; create it first (the broker does not create topics on demand)");
            }
            if (c instanceof TimeoutException) throw unreachable(bootstrap, c);
            if (c instanceof AuthenticationException || c instanceof AuthorizationException) {
                throw new PublishException("Kafka at " + bootstrap + " refused access to topic '" + topic.name()
                        + "': " + c.getMessage(), c);
            }
            throw new PublishException("cannot check topic '" + topic.name() + "' on " + bootstrap + ": "
                    + rootMessage(c), c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while connecting to Kafka at " + bootstrap, e);
        } catch (KafkaException e) {
            throw new PublishException("cannot connect to Kafka at " + bootstrap + ": " + rootMessage(e), e);
        }
    }

    private PublishException unreachable(String bootstrap, Throwable cause) {
        return new PublishException("cannot reach Kafka at " + bootstrap + " within " + connectTimeout.toSeconds()
                + " s: is the broker running, and is that its address?", cause);
    }

    /** What went wrong with one article, and what to do about it. */
    String describe(Throwable error, SourceArticle a) {
        if (error instanceof RecordTooLargeException) {
            return "too large for Kafka (text " + Sizes.human(a.textBytes()) + "): " + error.getMessage()
                    + " The producer sends records up to " + Sizes.human(maxRequestSize) + " (max.request.size);"
                    + " the broker's message.max.bytes and the topic's max.message.bytes must allow as much."
                    + " Raise them, or lower --max-text-size so such texts are skipped when read.";
        }
        if (error instanceof TimeoutException) {
            return "not acknowledged within " + deliveryTimeoutMs / 1000 + " s (delivery.timeout.ms): "
                    + error.getMessage();
        }
        if (error instanceof AuthorizationException) {
            return "not authorised to write to topic '" + topic.name() + "': " + error.getMessage();
        }
        if (error instanceof SerializationException) {
            return "cannot be serialized: " + error.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + rootMessage(error);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    /** Waits up to 30 s for sends in flight (normally none: publish waits for them), then closes the producer. */
    @Override
    public void close() {
        if (producer != null) producer.close(Duration.ofSeconds(30));
    }

    /**
     * Spaces sends evenly at a fixed rate: article n goes out at start + n / rate, so a slow moment is
     * caught up but never exceeded in bursts beyond one article.
     */
    private static final class Pacer {
        private final double rate;
        private final long start = System.nanoTime();
        private long n;

        Pacer(double rate) {
            this.rate = rate;
        }

        /** Waits for the next slot; false when {@code stop} became true while waiting. */
        boolean await(java.util.function.BooleanSupplier stop) {
            long due = start + (long) (n++ * 1e9 / rate);
            while (true) {
                long wait = due - System.nanoTime();
                if (wait <= 0) return true;
                if (stop.getAsBoolean()) return false;
                try {
                    Thread.sleep(Math.min(wait / 1_000_000 + 1, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** The counts of one publish run; acknowledgements arrive on the producer's I/O thread. */
    private static final class Run {
        private final int inputsTotal;
        private int inputsDone;
        private int inputsSkipped;
        private long recordsSkipped;
        private long problemsNotListed;
        private String stoppedAt;
        private final List<Problem> problems = new ArrayList<>();
        // guarded by this: written by the producer's I/O thread
        private long sent;
        private long acknowledged;
        private final List<FailedSend> failures = new ArrayList<>();

        private final long bytesTotal;
        private final java.util.function.LongSupplier bytesRead;
        private final long bytesAtStart;

        Run(int inputsTotal, long bytesTotal, java.util.function.LongSupplier bytesRead) {
            this.inputsTotal = inputsTotal;
            this.bytesTotal = bytesTotal;
            this.bytesRead = bytesRead;
            this.bytesAtStart = bytesRead.getAsLong();
        }

        void problem(Problem p, ProgressListener listener) {
            if (p.kind().skips() && p.line() > 0) recordsSkipped++;
            if (problems.size() < PublishReport.MAX_LISTED) problems.add(p);
            else problemsNotListed++;
            listener.problem(p);
        }

        void inputDone(boolean skipped) {
            inputsDone++;
            if (skipped) inputsSkipped++;
        }

        synchronized void sent() {
            sent++;
        }

        synchronized void acknowledged() {
            acknowledged++;
            if (acknowledged + failures.size() == sent) notifyAll();
        }

        synchronized void failed(FailedSend f) {
            failures.add(f);
            if (acknowledged + failures.size() == sent) notifyAll();
        }

        synchronized boolean awaitAllConfirmed(long millis) throws InterruptedException {
            if (acknowledged + failures.size() < sent) wait(millis);
            return acknowledged + failures.size() >= sent;
        }

        synchronized Progress progress() {
            return new Progress(inputsTotal, inputsDone, inputsSkipped, sent, acknowledged, failures.size(),
                    recordsSkipped, bytesRead.getAsLong() - bytesAtStart, bytesTotal);
        }

        synchronized PublishReport report(String topic) {
            return new PublishReport(topic, inputsTotal, inputsDone, inputsSkipped, sent, acknowledged, problems,
                    problemsNotListed, recordsSkipped, failures, stoppedAt);
        }
    }

    public static final class Builder {
        private String bootstrapServers;
        private Topic<String, RawArticle> topic;
        private Map<String, ?> clientProperties = Map.of();
        private ReadOptions readOptions = ReadOptions.defaults();
        private Formats formats = Formats.standard();
        private InputStream stdin = System.in;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private double rate;

        private Builder() {}

        /**
         * At most this many articles a second ({@code --rate N/s}), e.g. to replay a large JSON Lines archive
         * at a chosen speed; 0 (the default) for as fast as Kafka takes them.
         */
        public Builder rate(double articlesPerSecond) {
            if (!(articlesPerSecond >= 0) || Double.isInfinite(articlesPerSecond)) {
                throw new IllegalArgumentException("rate must be a positive number of articles per second: " + articlesPerSecond);
            }
            this.rate = articlesPerSecond;
            return this;
        }

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** The raw-articles topic with its serdes, e.g. {@code Topics.defaults().raw()}. */
        public Builder topic(Topic<String, RawArticle> topic) {
            this.topic = topic;
            return this;
        }

        /**
         * Kafka client properties passed through as they are (security.protocol, sasl.*, ssl.*, client.id,
         * linger.ms, ...); they override the defaults, except that acks and idempotence cannot be weakened.
         */
        public Builder clientProperties(Map<String, ?> properties) {
            this.clientProperties = Map.copyOf(properties);
            return this;
        }

        /** Text size limit and clock; defaults to {@link ReadOptions#defaults()} (2 MiB). */
        public Builder readOptions(ReadOptions options) {
            this.readOptions = Objects.requireNonNull(options);
            return this;
        }

        public Builder formats(Formats formats) {
            this.formats = Objects.requireNonNull(formats);
            return this;
        }

        /** What "-" reads; System.in unless a test or an embedding application says otherwise. */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** @throws PublishException when the settings are unusable (message says which) */
        public ArticlePublisher build() {
            return new ArticlePublisher(this);
        }
    }
}
