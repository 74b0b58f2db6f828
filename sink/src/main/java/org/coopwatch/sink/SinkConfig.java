package org.coopwatch.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.sink.db.Dialect;
import org.coopwatch.sink.db.JdbcUrls;
import org.coopwatch.sink.db.SinkStore;
import org.coopwatch.sink.webhook.Webhook;
import org.coopwatch.sink.webhook.WebhookSettings;

/**
 * What a {@link Sink} reads and where it writes. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * SinkConfig config = SinkConfig.builder()
 *         .bootstrapServers("127.0.0.1:9092")
 *         .jdbcUrl(JdbcUrls.sqlite(dataDir))          // or "jdbc:postgresql://127.0.0.1:5432/coopwatch?user=..."
 *         .outputDir(dataDir.resolve("out"))          // JSON Lines; leave unset for none
 *         .clientProperties(config.kafkaProperties())  // security.protocol, sasl.*, ssl.*, tuning
 *         .webhook(Webhook.of(url).withHeader("Authorization", "Bearer " + token))   // any number; none by default
 *         .build();
 * }</pre>
 */
public final class SinkConfig {

    public static final String DEFAULT_GROUP_ID = "coopwatch-sink";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String groupId;
    private final TopicNames topics;
    private final String jdbcUrl;
    private final Properties jdbcProperties;
    private final String tablePrefix;
    private final Path outputDir;
    private final Map<String, Object> clientProperties;
    private final boolean deadLetters;
    private final Duration pollTimeout;
    private final Duration maxRetryBackoff;
    private final List<Webhook> webhooks;
    private final WebhookSettings webhookSettings;

    private SinkConfig(Builder b) {
        this.clientProperties = Map.copyOf(b.clientProperties);
        Object fromProps = b.clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        this.bootstrapServers = b.bootstrapServers != null ? b.bootstrapServers
                : fromProps == null ? null : fromProps.toString();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the sink needs the Kafka bootstrap servers (host:port[,host:port...])");
        }
        if (b.jdbcUrl == null || b.jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("the sink needs a JDBC URL (jdbc:sqlite:<file> or jdbc:postgresql://...)");
        }
        Dialect.forUrl(b.jdbcUrl); // fails with a message naming the supported URLs
        SinkStore.checkPrefix(b.tablePrefix);
        if (b.groupId == null || b.groupId.isBlank()) throw new IllegalArgumentException("the sink's group id is empty");
        if (b.pollTimeout.isNegative() || b.pollTimeout.isZero()) throw new IllegalArgumentException("poll timeout must be positive");
        if (b.maxRetryBackoff.isNegative() || b.maxRetryBackoff.isZero()) {
            throw new IllegalArgumentException("retry backoff must be positive");
        }
        this.groupId = b.groupId;
        this.topics = Objects.requireNonNull(b.topics, "topics");
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcProperties = new Properties();
        this.jdbcProperties.putAll(b.jdbcProperties);
        this.tablePrefix = b.tablePrefix;
        this.outputDir = b.outputDir;
        this.deadLetters = b.deadLetters;
        this.pollTimeout = b.pollTimeout;
        this.maxRetryBackoff = b.maxRetryBackoff;
        this.webhooks = List.copyOf(b.webhooks);
        this.webhookSettings = Objects.requireNonNull(b.webhookSettings, "webhookSettings");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() { return bootstrapServers; }
    public String groupId() { return groupId; }
    public TopicNames topics() { return topics; }
    public String jdbcUrl() { return jdbcUrl; }
    /** A copy: driver properties such as user and password. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.putAll(jdbcProperties);
        return p;
    }
    public String tablePrefix() { return tablePrefix; }
    /** The JSON Lines folder, or null when no JSON Lines are written. */
    public Path outputDir() { return outputDir; }
    /** Kafka client properties passed through to the consumer and the dead-letter producer. */
    public Map<String, Object> clientProperties() { return clientProperties; }
    /** Whether undecodable records go to the DLQ topic (else they are only logged and counted). */
    public boolean deadLetters() { return deadLetters; }
    public Duration pollTimeout() { return pollTimeout; }
    public Duration maxRetryBackoff() { return maxRetryBackoff; }
    /** Where stored alerts are POSTed; empty for none. */
    public List<Webhook> webhooks() { return webhooks; }
    public WebhookSettings webhookSettings() { return webhookSettings; }

    @Override
    public String toString() {
        return "SinkConfig{bootstrap=" + bootstrapServers + ", group=" + groupId + ", topics=[" + topics.events() + ", "
                + topics.alerts() + ", " + topics.aggregates() + "], jdbc=" + JdbcUrls.redact(jdbcUrl)
                + (tablePrefix.isEmpty() ? "" : ", prefix=" + tablePrefix)
                + ", jsonl=" + (outputDir == null ? "off" : outputDir)
                + ", dlq=" + (deadLetters ? topics.dlq() : "off")
                + (webhooks.isEmpty() ? "" : ", webhooks=" + webhooks) + "}";
    }

    public static final class Builder {
        private String bootstrapServers;
        private String groupId = DEFAULT_GROUP_ID;
        private TopicNames topics = TopicNames.DEFAULTS;
        private String jdbcUrl;
        private final Properties jdbcProperties = new Properties();
        private String tablePrefix = "";
        private Path outputDir;
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private boolean deadLetters = true;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private final List<Webhook> webhooks = new ArrayList<>();
        private WebhookSettings webhookSettings = WebhookSettings.defaults();

        private Builder() {}

        /** {@code host:port[,host:port...]}; may instead come as {@code bootstrap.servers} in the client properties. */
        public Builder bootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; return this; }
        /** Default {@value SinkConfig#DEFAULT_GROUP_ID}; one group = one copy of the data; instances of one group share the partitions. */
        public Builder groupId(String groupId) { this.groupId = groupId; return this; }
        public Builder topics(TopicNames topics) { this.topics = topics; return this; }
        /** {@code jdbc:sqlite:<file>} (see {@link JdbcUrls#sqlite(Path)}) or {@code jdbc:postgresql://host:port/db}. */
        public Builder jdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; return this; }
        /** Extra JDBC driver properties (user, password, ssl...), so secrets need not sit in the URL. */
        public Builder jdbcProperties(Properties props) { this.jdbcProperties.putAll(props); return this; }
        /** Prepended to every table and index name; letters, digits and '_' only. Default none. */
        public Builder tablePrefix(String tablePrefix) { this.tablePrefix = tablePrefix == null ? "" : tablePrefix; return this; }
        /** Folder for {@code events.jsonl}, {@code alerts.jsonl}, {@code aggregates.jsonl}; null for none. */
        public Builder outputDir(Path outputDir) { this.outputDir = outputDir; return this; }
        /** Any Kafka client properties (security, SASL, SSL, tuning); added to what was given before. */
        public Builder clientProperties(Map<String, ?> props) { this.clientProperties.putAll(props); return this; }
        public Builder clientProperty(String key, Object value) { this.clientProperties.put(key, value); return this; }
        /** Default true: undecodable records are copied to the DLQ topic with the reason in headers. */
        public Builder deadLetters(boolean deadLetters) { this.deadLetters = deadLetters; return this; }
        public Builder pollTimeout(Duration pollTimeout) { this.pollTimeout = pollTimeout; return this; }
        /** The longest wait between attempts while the database is unavailable (doubling from 0.5 s). */
        public Builder maxRetryBackoff(Duration maxRetryBackoff) { this.maxRetryBackoff = maxRetryBackoff; return this; }

        /** Adds a webhook every stored alert is POSTed to ({@link Webhook#of(String)} reads a URL). */
        public Builder webhook(Webhook webhook) { this.webhooks.add(Objects.requireNonNull(webhook, "webhook")); return this; }
        public Builder webhooks(Collection<Webhook> webhooks) { webhooks.forEach(this::webhook); return this; }
        /** Timeouts, retries, queue size, maximum alert age of webhook delivery; {@link WebhookSettings#defaults()} if unset. */
        public Builder webhookSettings(WebhookSettings settings) { this.webhookSettings = settings; return this; }

        public SinkConfig build() {
            return new SinkConfig(this);
        }
    }
}
