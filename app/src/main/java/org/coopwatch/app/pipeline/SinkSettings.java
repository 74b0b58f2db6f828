package org.coopwatch.app.pipeline;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.db.JdbcUrls;

/** The sink's settings from coopwatch's configuration (keys {@code sink.*}). */
public final class SinkSettings {

    public static final String JDBC_URL = "sink.jdbc.url";
    public static final String JDBC_USER = "sink.jdbc.user";
    public static final String JDBC_PASSWORD = "sink.jdbc.password";
    public static final String TABLE_PREFIX = "sink.table.prefix";
    /** A folder for events/alerts/aggregates .jsonl; "none" for no files. Default: data.dir/out. */
    public static final String OUTPUT_DIR = "sink.output.dir";
    public static final String DEAD_LETTERS = "sink.dlq";

    private SinkSettings() {
    }

    public static SinkConfig from(CoopwatchConfig config) {
        Properties jdbc = new Properties();
        config.get(JDBC_USER).ifPresent(u -> jdbc.setProperty("user", u));
        config.get(JDBC_PASSWORD).ifPresent(p -> jdbc.setProperty("password", p));
        try {
            return SinkConfig.builder()
                    .bootstrapServers(config.bootstrapServersOrDefault())
                    .groupId(config.sinkGroupId())
                    .topics(config.topicNames())
                    .jdbcUrl(jdbcUrl(config))
                    .jdbcProperties(jdbc)
                    .tablePrefix(config.get(TABLE_PREFIX).orElse(""))
                    .outputDir(outputDir(config))
                    .clientProperties(config.kafkaProperties())
                    .deadLetters(bool(config, DEAD_LETTERS, true))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CliException("sink settings: " + e.getMessage(), e);
        }
    }

    /** {@code sink.jdbc.url}, else SQLite in the data folder. */
    public static String jdbcUrl(CoopwatchConfig config) {
        return config.get(JDBC_URL).orElse(JdbcUrls.sqlite(config.dataDir()));
    }

    static Path outputDir(CoopwatchConfig config) {
        String dir = config.get(OUTPUT_DIR).orElse(config.dataDir().resolve("out").toString());
        return dir.isBlank() || dir.equalsIgnoreCase("none") ? null : Path.of(dir);
    }

    private static boolean bool(CoopwatchConfig config, String key, boolean fallback) {
        String v = config.get(key).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (v == null) {
            return fallback;
        }
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new CliException(key + " must be true or false, got '" + v + "'");
        };
    }
}
