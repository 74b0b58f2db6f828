package org.coopwatch.streams.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.coopwatch.schemas.topic.TopicNames;

/**
 * The Kafka Streams properties of each {@link Stage}, built from one immutable settings object.
 *
 * <p><b>Four applications, not one.</b> Each stage runs as its own Kafka Streams application with
 * {@code application.id = <prefix>-<stage>} (coopwatch-enrich, coopwatch-events, coopwatch-alerts,
 * coopwatch-aggregates), talking to the others only through topics. Why:
 * <ul>
 *   <li>enrichment is CPU-bound (the classifier) and the rest is cheap; separate apps let the launcher
 *       give enrichment more threads or instances without touching the others;</li>
 *   <li>under exactly-once one transaction covers all tasks of a thread, so in a single app a slow
 *       classification would hold back the commit, and therefore the visibility, of alerts;</li>
 *   <li>a stage's consumer group, state and offsets can be reset or replayed on its own
 *       (e.g. re-run aggregates after changing the grace period without re-classifying).</li>
 * </ul>
 * The price is one consumer group and one transactional producer per stage, which is small.
 *
 * <p>Every stage gets: {@code processing.guarantee=exactly_once_v2} (configurable), a 1 s commit
 * interval (read_committed readers see results after the commit; Kafka's EOS default of 100 ms means
 * ten transactions a second per thread), explicit internal resource naming, topology optimisation, and
 * the built-in dead letter queue (KIP-1034): with the log-and-continue deserialization and processing
 * exception handlers and {@code errors.dead.letter.queue.topic.name} set, a record that cannot be read or
 * processed is written, byte for byte, to the DLQ topic with headers {@code __streams.errors.exception},
 * {@code .message}, {@code .stacktrace}, {@code .topic}, {@code .partition} and {@code .offset}, and the
 * stream goes on. An output record Kafka does not take stops the stage (losing an output record silently
 * is worse than stopping). A DLQ copy too large for Kafka goes without its value ({@link DeadLetters}):
 * under exactly-once a refused copy would fail the transaction, and stop the stage on that record for good.
 *
 * <p>Client properties given to {@link Builder#clientProperties(Map)} pass through untouched and are
 * applied last, so they can override any default here (e.g. {@code security.protocol},
 * {@code producer.compression.type}).
 */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID_PREFIX = "coopwatch";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** The stages' producer max.request.size: as large as the raw articles the producer module sends. */
    public static final int MAX_REQUEST_SIZE = 8 << 20;

    private final String bootstrapServers;
    private final String applicationIdPrefix;
    private final Path stateDir;
    private final String processingGuarantee;
    private final Duration commitInterval;
    private final Map<Stage, Integer> threads;
    private final TopicNames topics;
    private final Map<String, String> clientProperties;

    private StreamsSettings(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.applicationIdPrefix = b.applicationIdPrefix;
        this.stateDir = b.stateDir;
        this.processingGuarantee = b.processingGuarantee;
        this.commitInterval = b.commitInterval;
        this.threads = Map.copyOf(b.threads);
        this.topics = b.topics;
        this.clientProperties = Map.copyOf(b.clientProperties);
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** The application.id of a stage: {@code <prefix>-<stage id>}. */
    public String applicationId(Stage stage) {
        return applicationIdPrefix + "-" + stage.id();
    }

    /** The complete Kafka Streams properties of one stage; a fresh object each call. */
    public Properties forStage(Stage stage) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(stage));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId(stage));
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads.getOrDefault(stage, 1)));
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // log and continue, copying the record to the DLQ (without its value when Kafka would refuse it)
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.Deserialization.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.Processing.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.Production.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq());
        // raw articles may be as large as the producer module sends them (8 MiB): so may their DLQ copies
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Integer.toString(MAX_REQUEST_SIZE));
        // the 5.0 default, set now so that a global table added later is covered too
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // the partition assignor builds its own StreamsConfig from the main consumer's settings, which carry
        // only consumer keys: without this copy it warns at every start that the setting is off
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
        p.putAll(clientProperties);
        return p;
    }

    /** The properties as text for logs, with passwords, secrets and JAAS configs masked. */
    public static String describe(Properties props) {
        Map<String, String> sorted = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            sorted.put(k, isSecret(k) ? "[hidden]" : props.getProperty(k));
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.endsWith(".key") || k.contains("credential");
    }

    public String bootstrapServers() { return bootstrapServers; }
    public String applicationIdPrefix() { return applicationIdPrefix; }
    public Path stateDir() { return stateDir; }
    public String processingGuarantee() { return processingGuarantee; }
    public Duration commitInterval() { return commitInterval; }
    public TopicNames topics() { return topics; }
    public Map<String, String> clientProperties() { return clientProperties; }
    public int threads(Stage stage) { return threads.getOrDefault(stage, 1); }

    public static final class Builder {
        private final String bootstrapServers;
        private String applicationIdPrefix = DEFAULT_APPLICATION_ID_PREFIX;
        private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "coopwatch-streams");
        private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private final Map<Stage, Integer> threads = new EnumMap<>(Stage.class);
        private TopicNames topics = TopicNames.DEFAULTS;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();

        private Builder(String bootstrapServers) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrap servers are required (host:port[,host:port...])");
            }
            this.bootstrapServers = bootstrapServers.trim();
        }

        /** Prefix of every stage's application.id (and so of consumer groups and internal topics). */
        public Builder applicationIdPrefix(String prefix) {
            if (prefix == null || !prefix.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("application id prefix must be letters, digits, '.', '_' or '-': " + prefix);
            }
            this.applicationIdPrefix = prefix;
            return this;
        }

        /** Where the stages keep local state (RocksDB); each application gets its own sub-directory. */
        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "stateDir");
            return this;
        }

        /** exactly_once_v2 (default) or at_least_once. */
        public Builder processingGuarantee(String guarantee) {
            if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee)) {
                throw new IllegalArgumentException("processing guarantee must be exactly_once_v2 or at_least_once, not " + guarantee);
            }
            this.processingGuarantee = guarantee;
            return this;
        }

        public Builder commitInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("commit interval must be positive: " + interval);
            }
            this.commitInterval = interval;
            return this;
        }

        /** Stream threads of one stage (default 1); give enrichment more on a machine with spare cores. */
        public Builder threads(Stage stage, int count) {
            if (count < 1) throw new IllegalArgumentException("threads of stage " + stage.id() + " must be >= 1: " + count);
            threads.put(stage, count);
            return this;
        }

        /** Topic names; the DLQ name becomes errors.dead.letter.queue.topic.name. */
        public Builder topics(TopicNames names) {
            this.topics = Objects.requireNonNull(names, "topics");
            return this;
        }

        /** Any Kafka client or Streams property, passed through untouched and applied last. */
        public Builder clientProperties(Map<String, String> props) {
            clientProperties.putAll(props);
            return this;
        }

        public Builder clientProperty(String key, String value) {
            clientProperties.put(key, value);
            return this;
        }

        public StreamsSettings build() {
            return new StreamsSettings(this);
        }
    }
}
