package org.coopwatch.app.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.config.PipelineOptions;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.config.StreamsSettings;
import org.coopwatch.streams.enrich.ArticleAnalyzer;
import org.coopwatch.streams.topology.StageTopologies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's side of Kafka Streams: one {@link KafkaStreams} per stage (enrich, events, alerts,
 * aggregates), started, watched and closed here; the topologies themselves are pure and live in the
 * topologies module. A stage that dies (uncaught exception, state ERROR) is reported through
 * {@link #failure()} so the command can stop with a non-zero status instead of idling half-alive.
 */
public final class StreamsRunner implements AutoCloseable {

    /** Settings read here (besides kafka.* and the other streams.* keys, which pass through). */
    public static final String STATE_DIR = "streams.state.dir";
    public static final String PROCESSING_GUARANTEE = "streams.processing.guarantee";
    public static final String ENRICH_THREADS = "streams.enrich.threads";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final CoopwatchConfig config;
    private final StreamsSettings settings;
    private final Topics topics;
    private final List<Stage> stages;
    private final PipelineOptions options;
    private final Map<Stage, KafkaStreams> running = new EnumMap<>(Stage.class);
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private String applicationServer;

    /** With the stages' options from the configuration (rules file, suppression, grace). */
    public StreamsRunner(CoopwatchConfig config, Set<Stage> stages) {
        this(config, stages, PipelineSettings.from(config));
    }

    /** @param options resolved beforehand ({@link PipelineSettings#from}), so bad rules stop a command early */
    public StreamsRunner(CoopwatchConfig config, Set<Stage> stages, PipelineOptions options) {
        this.config = config;
        this.settings = settings(config);
        this.topics = config.topics();
        this.stages = List.copyOf(stages.stream().sorted().toList());
        this.options = options;
    }

    /** The Kafka Streams settings from coopwatch's configuration. */
    static StreamsSettings settings(CoopwatchConfig config) {
        StreamsSettings.Builder b = StreamsSettings.builder(config.bootstrapServersOrDefault())
                .applicationIdPrefix(config.applicationIdPrefix())
                .topics(config.topicNames())
                .stateDir(config.get(STATE_DIR).map(Path::of).orElse(config.dataDir().resolve("streams")));
        config.get(PROCESSING_GUARANTEE).ifPresent(b::processingGuarantee);
        config.get(ENRICH_THREADS).ifPresent(n -> b.threads(Stage.ENRICH, positive(ENRICH_THREADS, n)));
        Map<String, String> pass = new LinkedHashMap<>(config.kafkaProperties());
        // internal topics (changelogs, repartition) get the same replication as ours
        config.replicationFactor().ifPresent(r -> pass.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(r)));
        config.withPrefix(CoopwatchConfig.STREAMS_PREFIX).forEach((k, v) -> {
            String key = CoopwatchConfig.STREAMS_PREFIX + k;
            if (!key.equals(ENRICH_THREADS) && !PipelineSettings.KEYS.contains(key)) {
                pass.put(k, v); // e.g. streams.num.standby.replicas=1
            }
        });
        try {
            return b.clientProperties(pass).build();
        } catch (IllegalArgumentException e) {
            throw new CliException("streams settings: " + e.getMessage(), e);
        }
    }

    private static int positive(String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new CliException(key + " must be a whole number of at least 1, got '" + value + "'");
    }

    /** The consumer group of each stage with the topics it reads (for {@code LagWatcher}). */
    public Map<String, Set<String>> groups() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        TopicNames n = topics.names();
        for (Stage stage : stages) {
            String input = switch (stage) {
                case ENRICH -> n.raw();
                case EVENTS -> n.enriched();
                case ALERTS, AGGREGATES -> n.events();
            };
            out.put(settings.applicationId(stage), Set.of(input));
        }
        return out;
    }

    public List<Stage> stages() {
        return stages;
    }

    public StreamsSettings settings() {
        return settings;
    }

    public PipelineOptions options() {
        return options;
    }

    /** The running application of a stage (e.g. for interactive queries), or null. */
    public synchronized KafkaStreams streams(Stage stage) {
        return running.get(stage);
    }

    /**
     * The {@code host:port} of this process's web server, set as the aggregates stage's
     * {@code application.server} so instances can answer queries for each other's partitions.
     */
    public synchronized StreamsRunner applicationServer(String hostPort) {
        this.applicationServer = hostPort;
        return this;
    }

    /** Builds and starts every stage; the classifier is loaded once, only if enrichment runs here. */
    public synchronized void start() {
        ArticleAnalyzer analyzer = null;
        if (stages.contains(Stage.ENRICH)) {
            Classifier classifier = Classifier.load();
            analyzer = classifier::classify;
        }
        // changelogs and repartition topics as safe as ours: Kafka Streams would otherwise take the broker's
        // default.replication.factor, 1 unless the cluster sets it, and one broker down would stop a stage
        // (topic.replication.factor, kafka.replication.factor or streams.replication.factor, when given, win)
        String internalReplication = settings.clientProperties().containsKey(StreamsConfig.REPLICATION_FACTOR_CONFIG)
                ? null : replicationOfRawTopic();
        for (Stage stage : stages) {
            Properties props = settings.forStage(stage);
            if (internalReplication != null) {
                props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, internalReplication);
            }
            if (stage == Stage.AGGREGATES && applicationServer != null) {
                props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
            }
            KafkaStreams streams = new KafkaStreams(
                    StageTopologies.build(stage, topics, analyzer, options, props), props);
            String name = settings.applicationId(stage);
            streams.setUncaughtExceptionHandler(e -> {
                failures.add(name + ": " + rootMessage(e));
                LOG.error("Stream stage {} failed; stopping it", name, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> {
                LOG.debug("{}: {} -> {}", name, before, now);
                if (now == KafkaStreams.State.ERROR) {
                    failures.add(name + " stopped with an error");
                }
            });
            running.put(stage, streams);
            streams.start();
        }
        LOG.info("Started stream stages {} (state in {})", groups().keySet(), settings.stateDir());
    }

    /** The replication factor of the raw topic as it exists (coopwatch or the operator created it), or null. */
    private String replicationOfRawTopic() {
        String raw = topics.names().raw();
        try (Admin admin = KafkaClients.admin(config)) {
            TopicDescription d = admin.describeTopics(List.of(raw)).allTopicNames()
                    .get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS).get(raw);
            int replicas = d.partitions().get(0).replicas().size();
            LOG.info("Internal topics of the stages get {} replica{}, as {} has", replicas, replicas == 1 ? "" : "s", raw);
            return String.valueOf(replicas);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not read the replication of {} ({}); internal topics get the broker's default", raw,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return null;
        }
    }

    /**
     * Waits until every stage is RUNNING (assigned its partitions); false on timeout or failure.
     * Progress means little before then: a stage still rebalancing has not read anything yet.
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!failures.isEmpty()) {
                return false;
            }
            boolean all = true;
            synchronized (this) {
                for (KafkaStreams s : running.values()) {
                    all &= s.state() == KafkaStreams.State.RUNNING;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Records the stages dropped on purpose so far (Kafka Streams' {@code dropped-records-total}): events
     * older than the aggregates' grace period, records sent to the DLQ by the exception handlers.
     */
    public synchronized long droppedRecords() {
        double total = 0;
        for (KafkaStreams s : running.values()) {
            for (var e : s.metrics().entrySet()) {
                if (e.getKey().name().equals("dropped-records-total") && e.getValue().metricValue() instanceof Number n) {
                    total += n.doubleValue();
                }
            }
        }
        return Math.round(total);
    }

    /** Why a stage stopped, if one did. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** One line per stage: its application id and state. */
    public synchronized String describeStates() {
        List<String> parts = new ArrayList<>();
        running.forEach((stage, s) -> parts.add(settings.applicationId(stage) + "=" + s.state()));
        return String.join(", ", parts);
    }

    /** Closes every stage (last started first), each waiting at most 30 s to commit and leave its group. */
    @Override
    public synchronized void close() {
        List<Stage> order = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(order);
        for (Stage stage : order) {
            KafkaStreams s = running.remove(stage);
            // leave the group now, or a restarted instance waits out the session timeout before it gets work
            if (!s.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("{} did not close within {} s", settings.applicationId(stage), CLOSE_TIMEOUT.toSeconds());
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
