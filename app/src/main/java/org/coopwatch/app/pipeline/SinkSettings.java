package org.coopwatch.app.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.config.Lists;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.db.JdbcUrls;
import org.coopwatch.sink.webhook.Webhook;

/** The sink's settings from coopwatch's configuration (keys {@code sink.*}). */
public final class SinkSettings {

    public static final String JDBC_URL = "sink.jdbc.url";
    public static final String JDBC_USER = "sink.jdbc.user";
    public static final String JDBC_PASSWORD = "sink.jdbc.password";
    public static final String TABLE_PREFIX = "sink.table.prefix";
    /** A folder for events/alerts/aggregates .jsonl; "none" for no files. Default: data.dir/out. */
    public static final String OUTPUT_DIR = "sink.output.dir";
    public static final String DEAD_LETTERS = "sink.dlq";
    /** Where each stored alert is POSTed: http(s) URLs, separated by commas. */
    public static final String WEBHOOKS = "sink.webhooks";
    /** Request headers sent to every webhook: {@code Name: value}, separated by commas or line breaks. */
    public static final String WEBHOOK_HEADERS = "sink.webhook.headers";
    /** info (every alert, the default), warning or critical. */
    public static final String WEBHOOK_MIN_SEVERITY = "sink.webhook.min.severity";

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
                    .webhooks(webhooks(config))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CliException("sink settings: " + e.getMessage(), e);
        }
    }

    /**
     * The webhooks of {@code sink.webhooks}, each with the headers of {@code sink.webhook.headers} and the
     * minimum severity of {@code sink.webhook.min.severity}. Messages mask URLs and never show header values.
     */
    public static List<Webhook> webhooks(CoopwatchConfig config) {
        List<String> urls = Lists.urls(config.get(WEBHOOKS).orElse(""));
        List<String[]> headers = new ArrayList<>();
        for (String h : Lists.headers(config.get(WEBHOOK_HEADERS).orElse(""))) {
            int colon = h.indexOf(':');
            if (colon <= 0 || h.substring(colon + 1).isBlank()) {
                // the value may be a credential: name the entry by what precedes ':' only
                throw new CliException(WEBHOOK_HEADERS + " (--webhook-header) must be 'Name: value', got "
                        + (colon > 0 ? "'" + h.substring(0, colon).strip() + ":' without a value" : "an entry without ':'"));
            }
            headers.add(new String[] {h.substring(0, colon).strip(), h.substring(colon + 1).strip()});
        }
        Optional<String> severity = config.get(WEBHOOK_MIN_SEVERITY).filter(s -> !s.isBlank());
        if (urls.isEmpty()) {
            if (!headers.isEmpty() || severity.isPresent()) {
                throw new CliException((headers.isEmpty() ? WEBHOOK_MIN_SEVERITY : WEBHOOK_HEADERS)
                        + " is set, but there is no webhook to use it for (--webhook URL, setting " + WEBHOOKS + ")");
            }
            return List.of();
        }
        List<Webhook> out = new ArrayList<>();
        try {
            for (String url : urls) {
                Webhook w = Webhook.of(url);
                for (String[] h : headers) {
                    w = w.withHeader(h[0], h[1]);
                }
                if (severity.isPresent()) {
                    w = w.withMinSeverity(severity.get());
                }
                out.add(w);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e); // "webhook URL must start with http:// ...", URL masked
        }
        return out;
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
