package org.coopwatch.app.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.app.pipeline.AlertPrinter;
import org.coopwatch.app.pipeline.SinkSettings;
import org.coopwatch.app.pipeline.WebSettings;
import org.coopwatch.app.pipeline.WebhookMetrics;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.SinkException;
import org.coopwatch.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sink", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Store events, alerts and aggregates in a database and JSON Lines until Ctrl-C.",
        description = {"Reads events.cooperation, alerts and aggregates (committed records only) and upserts them "
            + "into SQLite (default: DATA_DIR/coopwatch.db) or PostgreSQL, and appends them to events.jsonl, "
            + "alerts.jsonl and aggregates.jsonl (default folder: DATA_DIR/out). Offsets are committed after the "
            + "database transaction, so a restart repeats at most the last batch, which the upserts absorb. "
            + "Instances with the same sink.group.id share the partitions.",
            "",
            "With --webhook URL each stored alert is also POSTed as JSON to that URL (queued, retried with backoff "
                + "on network errors, 5xx and 429, never holding up the sink; alerts older than 6 h, e.g. from a "
                + "re-read backlog, are not posted). Delivery counts are in /metrics (--web-port) and printed when "
                + "the sink stops.",
            "",
            "Settings: sink.jdbc.url, sink.jdbc.user, sink.jdbc.password, sink.table.prefix, sink.output.dir "
                + "(none for no files), sink.group.id (default coopwatch-sink), sink.dlq (default true), "
                + "sink.webhooks, sink.webhook.headers, sink.webhook.min.severity."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch sink",
            "  coopwatch sink --jdbc-url jdbc:postgresql://127.0.0.1:5432/coopwatch -D sink.jdbc.user=cw",
            "  COOPWATCH_SINK_JDBC_PASSWORD=... coopwatch sink --output-dir none --print-alerts",
            "  coopwatch sink --webhook https://alerts.example.org/hook/T0K3N \\",
            "      --webhook-header 'Authorization: Bearer ...' --webhook-min-severity warning"})
public final class SinkCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB (setting sink.jdbc.url).")
    String jdbcUrl;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Folder for the JSON Lines files, or 'none' (setting sink.output.dir).")
    String outputDir;

    @Option(names = "--print-alerts", description = "Also print each alert on the console as it is stored.")
    boolean printAlerts;

    @Mixin
    WebhookOptions webhooks;

    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Also serve the live view of stored alerts and events, sink health and /metrics on this port "
                    + "(settings web.host, web.token). Off by default: 'streams' serves the query API.")
    Integer webPort;

    /** This command's flags as settings (keys as in the properties file), for {@link Main#config}. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (jdbcUrl != null) {
            flags.put(SinkSettings.JDBC_URL, jdbcUrl);
        }
        if (outputDir != null) {
            flags.put(SinkSettings.OUTPUT_DIR, outputDir);
        }
        if (webPort != null) {
            flags.put(WebSettings.PORT, String.valueOf(webPort));
        }
        webhooks.addTo(flags);
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        CoopwatchConfig config = main.config(flags());
        SinkConfig sinkConfig = SinkSettings.from(config);
        TopicNames t = config.topicNames();
        try (Admin admin = KafkaClients.admin(config)) {
            KafkaClients.awaitCluster(admin, config);
            new TopicAdmin(admin, config.connectTimeout()).requireExisting(List.of(t.events(), t.alerts(), t.aggregates()));
        }
        try (Shutdown shutdown = new Shutdown()) {
            Sink sink = shutdown.register("sink", open(sinkConfig));
            if (printAlerts) {
                sink.addListener(new AlertPrinter(System.out));
            }
            if (webPort != null) {
                WebServer web = shutdown.register("web server", WebSettings.start(config));
                sink.addListener(web.liveFeed());
                web.sink(sink);
                WebhookMetrics.register(web, sink);
                System.out.println("Live view, sink health and /metrics: " + web.url());
            }
            System.out.println("Sink running: " + sinkConfig + ". Ctrl-C stops it.");
            sink.start();
            while (!shutdown.await(Duration.ofSeconds(1))) {
                if (sink.awaitTermination(Duration.ZERO)) {
                    break;
                }
            }
            if (sink.failure().isPresent()) {
                throw new CliException("the sink stopped: " + sink.failure().get().getMessage(), sink.failure().get());
            }
            // closing gives queued webhook alerts their last chance; count after that
            shutdown.unregister(sink);
            sink.close();
            sink.awaitTermination(Duration.ofSeconds(30)); // Ctrl-C: the hook may be the one closing it
            System.out.println("Sink stopped: " + sink.stats().snapshot());
            sink.webhookStats().forEach(w -> System.out.println("Webhook " + w));
        }
        return 0;
    }

    static Sink open(SinkConfig config) {
        try {
            return new Sink(config);
        } catch (SinkException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
