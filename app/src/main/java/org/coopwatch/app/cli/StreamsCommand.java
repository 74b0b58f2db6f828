package org.coopwatch.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.app.pipeline.PipelineSettings;
import org.coopwatch.app.pipeline.StreamsRunner;
import org.coopwatch.app.pipeline.WebSettings;
import org.coopwatch.web.WebServer;
import org.coopwatch.streams.config.PipelineOptions;
import org.coopwatch.streams.config.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the Kafka Streams stages until Ctrl-C.",
        description = {"Four stages, each its own Kafka Streams application (application id <prefix>-<stage>): "
            + "enrich (articles.raw -> classifier -> articles.enriched), events (-> events.cooperation, keyed by "
            + "country pair), alerts (-> alerts) and aggregates (hourly and daily windows -> aggregates). "
            + "Exactly-once (exactly_once_v2); records that cannot be read or processed go to the DLQ topic "
            + "with the error in headers. Start more instances with the same settings to share the work.",
            "",
            "The aggregates stage's stores are served by a web server (query API, health, /metrics; settings "
                + "web.host, web.port, web.advertised.host, web.token); instances find each other's share of the "
                + "stores through it.",
            "",
            "The alerts stage applies the default alert rules, or those of --rules FILE (checked before anything "
                + "starts; see 'coopwatch rules'). Every instance running the alerts stage must be given the same "
                + "rules.",
            "",
            "Settings: application.id.prefix (default coopwatch), streams.state.dir (default DATA_DIR/streams), "
                + "streams.processing.guarantee, streams.enrich.threads, streams.rules, streams.suppression, "
                + "streams.grace, and any Kafka Streams property as streams.<property> "
                + "(e.g. streams.num.standby.replicas=1)."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch streams",
            "  coopwatch -b kafka1:9092 streams --stages enrich --enrich-threads 4",
            "  coopwatch streams --stages alerts,aggregates --rules rules.yaml --grace 7d",
            "  COOPWATCH_STREAMS_NUM_STANDBY_REPLICAS=1 coopwatch streams"})
public final class StreamsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            description = "Stages to run here: enrich, events, alerts, aggregates (default: all).")
    List<String> stages;

    @Option(names = "--enrich-threads", paramLabel = "N",
            description = "Stream threads for enrichment, the CPU-heavy stage (default 1).")
    Integer enrichThreads;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (RocksDB) folder.")
    Path stateDir;

    @Mixin
    StageOptions stageOptions;

    @Mixin
    WebOptions web;

    /** This command's flags as settings (keys as in the properties file), for {@link Main#config}. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (enrichThreads != null) {
            flags.put(StreamsRunner.ENRICH_THREADS, String.valueOf(enrichThreads));
        }
        if (stateDir != null) {
            flags.put(StreamsRunner.STATE_DIR, stateDir.toString());
        }
        stageOptions.addTo(flags);
        web.addTo(flags);
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        CoopwatchConfig config = main.config(flags());
        Set<Stage> selected = parseStages(stages);
        // a bad rules file stops us here, before any stage joins its group
        PipelineOptions options = PipelineSettings.from(config);
        if (selected.contains(Stage.ALERTS)) {
            System.out.println(PipelineSettings.describe(config, options));
            StageOptions.warn(config, options);
        } else if (PipelineSettings.rulesFile(config).isPresent()) {
            System.err.println("coopwatch: warning: " + PipelineSettings.RULES + " is ignored here: the alerts stage "
                    + "does not run in this instance");
        }
        try (Admin admin = KafkaClients.admin(config)) {
            KafkaClients.awaitCluster(admin, config);
            new TopicAdmin(admin, config.connectTimeout()).requireExisting(config.topicNames().all());
        }
        try (Shutdown shutdown = new Shutdown()) {
            // the query API serves the aggregates stores, so the server runs where that stage does
            WebServer webServer = web.disabled || !selected.contains(Stage.AGGREGATES) ? null
                    : shutdown.register("web server", WebSettings.start(config));
            StreamsRunner runner = shutdown.register("stream stages", new StreamsRunner(config, selected, options));
            if (webServer != null) {
                runner.applicationServer(webServer.applicationServer());
            }
            runner.start();
            if (webServer != null) {
                attach(webServer, runner);
                System.out.println("Query API, health and /metrics: " + webServer.url());
            }
            System.out.println("Stream stages starting: " + String.join(", ", runner.groups().keySet())
                    + " on " + config.bootstrapServersOrDefault() + ". Ctrl-C stops them.");
            boolean announced = false;
            while (!shutdown.await(Duration.ofSeconds(1))) {
                if (!runner.failures().isEmpty()) {
                    throw new CliException("a stream stage failed: " + String.join("; ", runner.failures()));
                }
                if (!announced && runner.awaitRunning(Duration.ZERO.plusMillis(1))) {
                    System.out.println("Stream stages running: " + runner.describeStates());
                    announced = true;
                }
            }
        }
        System.out.println("Stream stages stopped.");
        return 0;
    }

    /** Shows every running stage on the web server's health panel and gives it the aggregates stores. */
    static void attach(WebServer webServer, StreamsRunner runner) {
        for (Stage stage : runner.stages()) {
            webServer.addStage(stage.id(), runner.settings().applicationId(stage), runner.streams(stage));
        }
        webServer.aggregates(runner.streams(Stage.AGGREGATES));
    }

    static Set<Stage> parseStages(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(Stage.class);
        }
        Set<Stage> out = EnumSet.noneOf(Stage.class);
        for (String n : names) {
            try {
                out.add(Stage.fromId(n));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2, e);
            }
        }
        return out;
    }
}
