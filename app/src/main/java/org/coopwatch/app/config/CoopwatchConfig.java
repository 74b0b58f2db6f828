package org.coopwatch.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;

/**
 * Everything coopwatch is configured with, resolved once and never changed: command-line flags win over
 * environment variables ({@code COOPWATCH_*}), which win over a properties file ({@code --config FILE}).
 *
 * <p>Keys are lower-case and dotted, the same in all three places: {@code bootstrap.servers},
 * {@code topic.raw}, {@code kafka.security.protocol}; the environment spells them upper-case with
 * underscores and a {@code COOPWATCH_} prefix ({@code COOPWATCH_KAFKA_SECURITY_PROTOCOL}). Every
 * {@code kafka.*} key is handed, without the prefix, to every Kafka client coopwatch creates.
 */
public final class CoopwatchConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String DATA_DIR = "data.dir";
    public static final String PARTITIONS = "topic.partitions";
    public static final String REPLICATION_FACTOR = "topic.replication.factor";
    /** Kafka Streams stages run as {@code <prefix>-enrich}, {@code <prefix>-events}, ... (application ids). */
    public static final String APPLICATION_ID_PREFIX = "application.id.prefix";
    public static final String STREAMS_PREFIX = "streams.";
    public static final String SINK_PREFIX = "sink.";
    public static final String SINK_GROUP_ID = "sink.group.id";
    public static final String CONNECT_TIMEOUT = "connect.timeout";
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String TOPIC_PREFIX = "topic.";
    public static final String ENV_PREFIX = "COOPWATCH_";
    /** The environment variable naming the properties file, when {@code --config} is not given. */
    public static final String ENV_CONFIG_FILE = "COOPWATCH_CONFIG";
    /** COOPWATCH_* variables that are not settings: the launcher's own switches and compose's inbox. */
    private static final java.util.Set<String> ENV_NOT_SETTINGS =
            java.util.Set.of(ENV_CONFIG_FILE, "COOPWATCH_DEBUG", "COOPWATCH_NO_BUILD", "COOPWATCH_INBOX");
    /** Exact keys coopwatch reads; prefixes below cover the open-ended families. */
    private static final List<String> TOPIC_ROLES = List.of("raw", "enriched", "events", "alerts", "aggregates", "dlq");
    private static final java.util.Set<String> KNOWN_KEYS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(BOOTSTRAP_SERVERS, DATA_DIR, PARTITIONS, REPLICATION_FACTOR, APPLICATION_ID_PREFIX,
                    CONNECT_TIMEOUT),
            TOPIC_ROLES.stream().map(TOPIC_PREFIX::concat)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final List<String> KNOWN_PREFIXES = List.of(KAFKA_PREFIX, STREAMS_PREFIX, SINK_PREFIX, "web.", "producer.");

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_DATA_DIR = "coopwatch-data";
    public static final int DEFAULT_PARTITIONS = 6;
    public static final String DEFAULT_APPLICATION_ID_PREFIX = "coopwatch";
    public static final String DEFAULT_SINK_GROUP_ID = "coopwatch-sink";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    /** Where a setting came from: shown next to it by {@code coopwatch config}. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, FLAG }

    private final Map<String, String> settings;
    private final Map<String, Source> sources;

    private CoopwatchConfig(Map<String, String> settings, Map<String, Source> sources) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        validate();
    }

    /**
     * Resolves the configuration.
     *
     * @param flags settings given on the command line (keys as in the properties file)
     * @param environment the process environment ({@code System.getenv()}); only {@code COOPWATCH_*} is read
     * @param configFile the properties file, if any; a named file that does not exist is an error
     */
    public static CoopwatchConfig resolve(Map<String, String> flags, Map<String, String> environment, Path configFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        if (configFile != null) {
            readFile(configFile).forEach((k, v) -> put(settings, sources, k, v, Source.FILE));
        }
        fromEnvironment(environment).forEach((k, v) -> put(settings, sources, k, v, Source.ENVIRONMENT));
        flags.forEach((k, v) -> put(settings, sources, normaliseKey(k), v, Source.FLAG));
        return new CoopwatchConfig(settings, sources);
    }

    /** Defaults only: for tests and for tools that take no configuration. */
    public static CoopwatchConfig defaults() {
        return resolve(Map.of(), Map.of(), null);
    }

    /** The properties-file path named by the environment, when no {@code --config} flag is given. */
    public static Path configFileFromEnvironment(Map<String, String> environment) {
        String file = environment.get(ENV_CONFIG_FILE);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** A copy with one setting replaced (e.g. the address of a broker {@code run} just started). */
    public CoopwatchConfig with(String key, String value) {
        Map<String, String> s = new TreeMap<>(settings);
        Map<String, Source> src = new TreeMap<>(sources);
        s.put(key, value);
        src.put(key, Source.FLAG);
        return new CoopwatchConfig(s, src);
    }

    // ---- typed accessors ------------------------------------------------------------------------------

    /** The Kafka cluster to use, if one was configured (otherwise {@code run} starts an embedded broker). */
    public Optional<String> bootstrapServers() {
        return get(BOOTSTRAP_SERVERS);
    }

    public String bootstrapServersOrDefault() {
        return bootstrapServers().orElse(DEFAULT_BOOTSTRAP_SERVERS);
    }

    public Path dataDir() {
        return Path.of(get(DATA_DIR).orElse(DEFAULT_DATA_DIR));
    }

    public TopicNames topicNames() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String role : TOPIC_ROLES) {
            get(TOPIC_PREFIX + role).ifPresent(name -> overrides.put(role, name));
        }
        return TopicNames.withOverrides(overrides);
    }

    public Topics topics() {
        return new Topics(topicNames());
    }

    public int partitions() {
        return get(PARTITIONS).map(v -> positiveInt(PARTITIONS, v)).orElse(DEFAULT_PARTITIONS);
    }

    /** The replication factor for new topics, when set; otherwise {@code TopicAdmin} uses min(3, brokers). */
    public OptionalInt replicationFactor() {
        return get(REPLICATION_FACTOR).map(v -> OptionalInt.of(positiveInt(REPLICATION_FACTOR, v)))
                .orElse(OptionalInt.empty());
    }

    public String applicationIdPrefix() {
        return get(APPLICATION_ID_PREFIX).orElse(DEFAULT_APPLICATION_ID_PREFIX);
    }

    public String sinkGroupId() {
        return get(SINK_GROUP_ID).orElse(DEFAULT_SINK_GROUP_ID);
    }

    /** How long to wait for the cluster before saying it cannot be reached. */
    public Duration connectTimeout() {
        return get(CONNECT_TIMEOUT).map(v -> duration(CONNECT_TIMEOUT, v)).orElse(DEFAULT_CONNECT_TIMEOUT);
    }

    /** The {@code kafka.*} settings without their prefix: security, SASL, SSL, tuning. */
    public Map<String, String> kafkaProperties() {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX) && k.length() > KAFKA_PREFIX.length()) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Properties for any Kafka client: the passthrough settings plus {@code bootstrap.servers}. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> out = new LinkedHashMap<>(kafkaProperties());
        out.put(BOOTSTRAP_SERVERS, bootstrapServersOrDefault());
        return out;
    }

    /** Any setting by key, including those of other modules (e.g. {@code sink.jdbc.url}). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** All settings with the given prefix, prefix removed (e.g. {@code sink.} for the sink module). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Settings that nothing reads, most likely typos ({@code bootstrap.server}, {@code topic.alert}); each
     * with where it came from. Keys under kafka., streams., sink., web. and producer. are passed on, so never listed.
     */
    public List<String> unknownSettings() {
        List<String> out = new ArrayList<>();
        settings.forEach((k, v) -> {
            if (!KNOWN_KEYS.contains(k) && KNOWN_PREFIXES.stream().noneMatch(k::startsWith)) {
                String where = switch (sourceOf(k)) {
                    case ENVIRONMENT -> "environment variable " + ENV_PREFIX + k.toUpperCase(Locale.ROOT).replace('.', '_');
                    case FILE -> "configuration file";
                    default -> "command line";
                };
                out.add(k + " (" + where + ")");
            }
        });
        return out;
    }

    public Source sourceOf(String key) {
        return sources.getOrDefault(key, Source.DEFAULT);
    }

    /** The effective configuration, one {@code key = value  (source)} line each, secrets masked. */
    public List<String> describe() {
        Map<String, String> shown = new TreeMap<>();
        shown.put(BOOTSTRAP_SERVERS, bootstrapServers().orElse(DEFAULT_BOOTSTRAP_SERVERS + " (or an embedded broker for run)"));
        shown.put(DATA_DIR, dataDir().toString());
        TopicNames names = topicNames();
        List<String> all = names.all();
        for (int i = 0; i < TOPIC_ROLES.size(); i++) {
            shown.put(TOPIC_PREFIX + TOPIC_ROLES.get(i), all.get(i));
        }
        shown.put(PARTITIONS, String.valueOf(partitions()));
        shown.put(REPLICATION_FACTOR, replicationFactor().isPresent()
                ? String.valueOf(replicationFactor().getAsInt()) : "min(3, brokers)");
        shown.put(APPLICATION_ID_PREFIX, applicationIdPrefix());
        shown.put(SINK_GROUP_ID, sinkGroupId());
        shown.put(CONNECT_TIMEOUT, connectTimeout().toMillis() + "ms");
        shown.putAll(settings);
        List<String> lines = new ArrayList<>();
        Secrets.masked(shown).forEach((k, v) ->
                lines.add(k + " = " + v + "  (" + sourceOf(k).name().toLowerCase(Locale.ROOT) + ")"));
        return lines;
    }

    @Override
    public String toString() {
        return "CoopwatchConfig" + Secrets.masked(settings);
    }

    // ---- resolution -------------------------------------------------------------------------------------

    /** {@code COOPWATCH_KAFKA_SASL_JAAS_CONFIG} -> {@code kafka.sasl.jaas.config}. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !ENV_NOT_SETTINGS.contains(name)) {
                out.put(envToKey(name), value);
            }
        });
        return out;
    }

    static String envToKey(String name) {
        return name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static String normaliseKey(String key) {
        return key.trim();
    }

    private static void put(Map<String, String> settings, Map<String, Source> sources, String key, String value,
                            Source source) {
        if (key.isEmpty()) {
            throw new ConfigException("an empty setting name (" + source.name().toLowerCase(Locale.ROOT) + ")");
        }
        settings.put(key, value == null ? "" : value.trim());
        sources.put(key, source);
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k.trim(), props.getProperty(k)));
        return out;
    }

    private void validate() {
        partitions();
        replicationFactor();
        connectTimeout();
        get(DATA_DIR).ifPresent(d -> {
            if (d.isBlank()) {
                throw new ConfigException(DATA_DIR + " must not be empty");
            }
        });
        for (String role : TOPIC_ROLES) {
            get(TOPIC_PREFIX + role).ifPresent(name -> {
                if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
                    throw new ConfigException(TOPIC_PREFIX + role + " = '" + name
                            + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
                }
            });
        }
    }

    private static int positiveInt(String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key + " must be a positive whole number, got '" + value + "'");
    }

    /** {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 2d}, or plain milliseconds. */
    public static Duration duration(String key, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key + " must be a duration such as 15s, 500ms, 2m, 1h or 2d, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        };
    }
}
