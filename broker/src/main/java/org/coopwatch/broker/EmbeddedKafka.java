package org.coopwatch.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>It is a real broker: the same server classes {@code kafka-server-start.sh} runs, listening on
 * 127.0.0.1, with its log and metadata under {@code dataDir/kafka}. The directory is formatted the first
 * time (as {@code kafka-storage.sh format} would) and reused afterwards, so a restart on the same directory
 * keeps topics, records and committed offsets. Internal topics are sized for one node
 * (replication 1, min ISR 1), which is what transactions and {@code exactly_once_v2} need here.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
 *     String bootstrap = kafka.bootstrapServers();   // "127.0.0.1:41234"
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    static {
        quietKafkaLogging();
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final FileLock dirLock;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int port, int controllerPort, Map<String, String> overrides, FileLock dirLock) {
        this.dataDir = dataDir;
        this.dirLock = dirLock;
        this.logDir = dataDir.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = overrides;
    }

    /**
     * Starts a broker with its data under {@code dataDir} (created and formatted if needed) and its
     * client listener on {@code port} (0 picks a free port). Returns once the broker accepts requests.
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return builder().dataDir(dataDir).port(port).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for the {@code bootstrap.servers} of clients. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Shuts the broker down cleanly but keeps its data, so {@link #restart()} can bring it back on the
     * same port and directory (for tests of what clients do while the broker is gone).
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer running = server;
        server = null;
        LOG.info("Stopping embedded Kafka at {}", bootstrapServers());
        running.shutdown();
        running.awaitShutdown();
    }

    /** Starts the broker again after {@link #stop()}, on the same port and data directory. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("the embedded broker is already running at " + bootstrapServers());
        }
        startServer();
    }

    /** Stops the broker for good and releases its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            release(dirLock);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + logDir + "]";
    }

    private synchronized void startServer() {
        requireFreePort(port);
        Map<String, String> props = serverProperties();
        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNeeded(config);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
            awaitReady();
        } catch (RuntimeException e) {
            shutdownQuietly(starting);
            throw new IllegalStateException("the embedded Kafka broker could not start on " + bootstrapServers()
                    + " with data in " + logDir + ": " + e.getMessage(), e);
        }
        server = starting;
        LOG.info("Embedded Kafka {} ready at {} (data in {})", kafkaVersion(), bootstrapServers(), logDir);
    }

    Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());

        // One node: every internal topic has a single replica, or transactions and groups never start.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");

        // Topics are created on purpose (TopicAdmin, tests), so a typo in a topic name fails loudly.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "6");

        // A developer machine: a week of data, at most 1 GiB a partition, small segments so retention bites.
        p.put("log.retention.hours", "168");
        p.put("log.retention.bytes", String.valueOf(1L << 30));
        p.put("log.segment.bytes", String.valueOf(64L << 20));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16L << 20));

        // Few threads: the broker shares two cores with the pipeline it serves.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "4");
        p.put("log.cleaner.threads", "1");

        p.putAll(overrides);
        return p;
    }

    private void formatIfNeeded(KafkaConfig config) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + logDir, e);
        }
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted before: keep its cluster id, topics and offsets
        }
        String clusterId = Uuid.randomUuid().toString();
        LOG.info("Formatting new Kafka storage in {} (cluster id {})", logDir, clusterId);
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toAbsolutePath().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The server returns from startup() once unfenced; one metadata round trip proves clients can talk to it. */
    private void awaitReady() {
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminProps)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
                    .nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes != 1) {
                throw new IllegalStateException("expected one live broker, the cluster reports " + nodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down a broker that failed to start", e);
        }
    }

    /** The Kafka version, from the properties file kafka-clients ships (its Java accessor is internal). */
    public static String kafkaVersion() {
        try (var in = EmbeddedKafka.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Kafka locks its log directory only after the metadata log is open, so a second broker on the same
     * directory can corrupt the first one's metadata before it notices. This lock, taken before anything
     * is opened and held until {@link #close()}, makes the second one stop first, with a clear message.
     */
    private static FileLock lockDataDir(Path dataDir) {
        Path lockFile = dataDir.resolve("embedded-kafka.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by another EmbeddedKafka in this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("another broker is already using the data directory " + dataDir);
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            LOG.debug("releasing the data directory lock: {}", e.toString());
        } finally {
            closeQuietly(lock.channel());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Checked before Kafka binds, which would log a page of stack traces for the same fact. */
    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is already in use");
        }
    }

    /** A free TCP port on 127.0.0.1 (the OS picks it; it may be taken again before we bind, rarely). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Kafka's server logs every partition and config at INFO. With slf4j-simple, per-logger levels come from
     * system properties read when each logger is created, so setting them before the server classes load
     * keeps the console readable. An explicit setting by the user wins.
     */
    private static void quietKafkaLogging() {
        for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        // "Performing controller activation" is logged at WARN on every start of a healthy single node, and
        // "auto topic creation failed ... TOPIC_ALREADY_EXISTS" whenever transactional clients start together.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.controller", "error");
        System.getProperties().putIfAbsent(
                "org.slf4j.simpleLogger.log.org.apache.kafka.server.DefaultAutoTopicCreationManager", "error");
    }

    /** Options for {@link EmbeddedKafka}; {@link #dataDir(Path)} is required. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Any broker property (e.g. {@code auto.create.topics.enable=true}), applied last. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka start() {
            if (dataDir == null) {
                throw new IllegalStateException("the data directory is required");
            }
            Path dir = dataDir.toAbsolutePath().normalize();
            FileLock lock = lockDataDir(dir);
            try {
                int clientPort = port == 0 ? freePort() : port;
                int ctrlPort = freePort();
                while (ctrlPort == clientPort) {
                    ctrlPort = freePort();
                }
                EmbeddedKafka kafka = new EmbeddedKafka(dir, clientPort, ctrlPort,
                        Collections.unmodifiableMap(new LinkedHashMap<>(overrides)), lock);
                kafka.startServer();
                return kafka;
            } catch (RuntimeException e) {
                release(lock);
                throw e;
            }
        }
    }
}
