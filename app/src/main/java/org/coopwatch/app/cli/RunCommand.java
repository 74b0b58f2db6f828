package org.coopwatch.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.ConfigException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.LagWatcher;
import org.coopwatch.app.pipeline.AlertPrinter;
import org.coopwatch.app.pipeline.DemoArticles;
import org.coopwatch.app.pipeline.LiveSources;
import org.coopwatch.app.pipeline.PipelineSettings;
import org.coopwatch.app.pipeline.ProducerSettings;
import org.coopwatch.app.pipeline.SinkSettings;
import org.coopwatch.app.pipeline.StreamsRunner;
import org.coopwatch.app.pipeline.WebSettings;
import org.coopwatch.app.pipeline.WebhookMetrics;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.feed.FeedReport;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.SinkStats;
import org.coopwatch.sink.db.JdbcUrls;
import org.coopwatch.streams.config.PipelineOptions;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the whole pipeline in one process: broker, topics, streams, sink and producer.",
        description = {"Starts an embedded Kafka broker (unless --bootstrap-servers names a cluster), creates the "
            + "topics, runs the four stream stages and the sink (SQLite and JSON Lines in the data folder), then "
            + "publishes the input: --input files or folders, else the bundled demo articles (a Hindi report on "
            + "India-Russia industrial cooperation and short English and Russian items). Each alert is printed "
            + "as it arrives, and the live view (alerts, events, a pair x sector heat map, pipeline health) is "
            + "served on http://127.0.0.1:8080/ with the query API and /metrics. Ctrl-C stops everything cleanly.",
            "",
            "Feeds (--feed, --feeds-file) and a watched folder (--watch) keep articles coming until Ctrl-C; "
                + "they replace the demo articles. Alerts come from the default rules unless --rules FILE names "
                + "your own (see 'coopwatch rules'); --webhook URL also posts each alert to a chat or paging "
                + "service.",
            "",
            "With --once it exits when every article has gone all the way through: the consumer groups of all "
                + "stages and of the sink have no lag left and nothing moves any more. Feeds are then polled "
                + "once; --watch cannot be combined with --once.",
            "",
            "Exit status: 0 done, 1 failed (a stage stopped, the pipeline did not drain in time), 2 usage error, "
                + "3 some inputs or lines were skipped (listed on stderr), 130 stopped by Ctrl-C."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch run",
            "  coopwatch run --once --input news/ --data-dir /tmp/cw",
            "  coopwatch run --rules my-rules.yaml --webhook https://chat.example.org/hooks/XYZ",
            "  coopwatch run --feeds-file feeds.txt --watch incoming/",
            "  coopwatch -b kafka1:9092 run --input feed.jsonl --rate 10/s"})
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "Files, folders or '-' to publish (repeatable; default: the bundled demo articles).")
    List<String> inputs;

    @Option(names = "--once", description = "Exit when all the input has reached the sink.")
    boolean once;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the embedded broker (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "Broker data, stream state, database and JSON Lines (setting data.dir, default ./coopwatch-data).")
    Path dataDir;

    @Option(names = "--enrich-threads", paramLabel = "N", description = "Stream threads for classification (default 1).")
    Integer enrichThreads;

    @Mixin
    SourceOptions sources;

    @Mixin
    StageOptions stageOptions;

    @Mixin
    WebhookOptions webhooks;

    @Mixin
    WebOptions web;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "With --once: give up if the pipeline has not drained after this long (default ${DEFAULT-VALUE}).")
    String timeout;

    /** This command's flags as settings (keys as in the properties file), for {@link Main#config}. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put(CoopwatchConfig.DATA_DIR, dataDir.toString());
        }
        if (enrichThreads != null) {
            flags.put(StreamsRunner.ENRICH_THREADS, String.valueOf(enrichThreads));
        }
        sources.addTo(flags);
        stageOptions.addTo(flags);
        webhooks.addTo(flags);
        web.addTo(flags);
        return flags;
    }

    @Override
    public Integer call() throws Exception {
        CoopwatchConfig config = main.config(flags());
        Duration deadline = parseTimeout(timeout);
        // everything that can be wrong with the settings, found before a broker or stage starts
        PipelineOptions pipelineOptions = PipelineSettings.from(config);
        StageOptions.warn(config, pipelineOptions);
        ProducerSettings producerSettings = ProducerSettings.from(config);
        if (once && producerSettings.watch() != null) {
            throw new CliException("--watch keeps watching its folder, so it cannot be combined with --once "
                    + "(use --input DIR to publish a folder once)", 2, null);
        }
        SinkSettings.from(config);
        PrintStream out = System.out;

        try (Shutdown shutdown = new Shutdown()) {
            if (config.bootstrapServers().isEmpty()) {
                EmbeddedKafka kafka = shutdown.register("Kafka broker", BrokerCommand.startBroker(config.dataDir(), port));
                config = config.with(CoopwatchConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
                out.println("Kafka broker ready at " + kafka.bootstrapServers() + " (data in "
                        + config.dataDir().toAbsolutePath().normalize() + ")");
            }
            try (Admin admin = KafkaClients.admin(config)) {
                BrokerCommand.ensureTopics(admin, config);
            }
            out.println("Topics ready: " + String.join(", ", config.topicNames().all()));

            WebServer webServer = web.disabled ? null : shutdown.register("web server", WebSettings.start(config));
            SinkConfig sinkConfig = SinkSettings.from(config);
            Sink sink = shutdown.register("sink", SinkCommand.open(sinkConfig));
            sink.addListener(new AlertPrinter(out));
            StreamsRunner streams = shutdown.register("stream stages",
                    new StreamsRunner(config, EnumSet.allOf(Stage.class), pipelineOptions));
            if (webServer != null) {
                sink.addListener(webServer.liveFeed());
                webServer.sink(sink);
                WebhookMetrics.register(webServer, sink);
                streams.applicationServer(webServer.applicationServer());
            }
            out.println(PipelineSettings.describe(config, pipelineOptions));
            sink.start();
            streams.start();
            if (webServer != null) {
                StreamsCommand.attach(webServer, streams);
            }
            if (!streams.awaitRunning(Duration.ofSeconds(60))) {
                failIfBroken(streams, sink);
            }
            out.println("Pipeline running: " + String.join(", ", streams.groups().keySet()) + " -> sink "
                    + JdbcUrls.redact(sinkConfig.jdbcUrl()) + outputs(sinkConfig));
            if (!sinkConfig.webhooks().isEmpty()) {
                out.println("Alerts also go to " + sinkConfig.webhooks().size() + " webhook"
                        + (sinkConfig.webhooks().size() == 1 ? "" : "s") + ": " + sinkConfig.webhooks());
            }
            if (webServer != null) {
                out.println("Live view, query API and /metrics: " + webServer.url());
            }

            long publishStart = System.nanoTime();
            Published published = publish(config, producerSettings, shutdown);
            if (shutdown.isRequested()) {
                return PublishReport.EXIT_STOPPED;
            }
            if (!once) {
                out.println((published.live() == null ? "All input published (" + published.count() + " articles). " : "")
                        + "Alerts appear below as they are found; Ctrl-C stops.");
                while (!shutdown.await(Duration.ofSeconds(1))) {
                    failIfBroken(streams, sink);
                    if (published.live() != null && !published.live().failures().isEmpty()) {
                        throw new CliException("a source stopped: " + String.join("; ", published.live().failures()));
                    }
                }
                return 0;
            }
            boolean drained = awaitDrained(config, streams, sink, shutdown, deadline);
            SinkStats.Snapshot stats = sink.stats().snapshot();
            if (!drained) {
                failIfBroken(streams, sink);
                if (shutdown.isRequested()) {
                    return PublishReport.EXIT_STOPPED;
                }
                throw new CliException("the pipeline did not drain within " + timeout + " (stored so far: " + stats
                        + "); raise --timeout for large inputs");
            }
            double seconds = (System.nanoTime() - publishStart) / 1e9;
            out.println(String.format(Locale.ROOT, "Done: %d articles published; %d events, %d alerts, %d aggregate "
                    + "updates stored%s. Publish to stored in %.1f s (%.1f articles/s).", published.count(),
                    stats.events(), stats.alerts(), stats.aggregates(),
                    stats.undecodable() > 0 ? "; " + stats.undecodable() + " undecodable records sent to the DLQ" : "",
                    seconds, published.count() / Math.max(seconds, 0.001)));
            long dropped = streams.droppedRecords();
            if (dropped > 0) {
                out.println("Not counted: " + dropped + " records the stages dropped (events older than the "
                        + "aggregates' grace period behind the newest one, or records sent to the DLQ; see coopwatch "
                        + "tail " + config.topicNames().dlq() + ").");
            }
            out.println("Results: " + JdbcUrls.redact(sinkConfig.jdbcUrl()) + outputs(sinkConfig));
            if (!sinkConfig.webhooks().isEmpty()) {
                // closing the sink gives queued alerts their last chance; count after that
                shutdown.unregister(sink);
                shutdown.unregister(streams);
                streams.close();
                sink.close();
                sink.awaitTermination(Duration.ofSeconds(30));
                sink.webhookStats().forEach(w -> out.println("Webhook " + w));
            }
            return published.exitCode();
        }
    }

    /** What {@link #publish} published, its exit status, and the live sources still running (or null). */
    private record Published(long count, int exitCode, LiveSources live) {
    }

    /**
     * Publishes the files on this thread (the demo articles when there is no input at all), then with
     * --once polls the feeds once, or else starts the feeds and the watched folder in the background.
     * Ctrl-C stops reading and waits for what was already sent.
     */
    private Published publish(CoopwatchConfig config, ProducerSettings sourceSettings, Shutdown shutdown)
            throws InterruptedException {
        boolean liveSources = sourceSettings.hasFeeds() || sourceSettings.watch() != null;
        List<String> what = inputs == null ? List.of() : inputs;
        if (what.isEmpty() && !liveSources) {
            Path demo = DemoArticles.extractTo(config.dataDir().resolve("demo-articles"));
            what = List.of(demo.toString());
            System.out.println("Publishing the bundled demo articles from " + demo);
        }
        CountDownLatch finished = new CountDownLatch(1);
        ReadOptions read = ReadOptions.defaults();
        ArticlePublisher publisher = ProduceCommand.publisher(config, read, sourceSettings.rate());
        AutoCloseable stopPublishing = shutdown.register("producer", () -> {
            publisher.stop();
            finished.await(60, TimeUnit.SECONDS);
        });
        boolean keep = false;
        try {
            long count = 0;
            int exit = 0;
            if (!what.isEmpty()) {
                PublishReport report = ProduceCommand.publish(publisher, what);
                count = report.published();
                exit = report.exitCode();
            }
            if (!liveSources || shutdown.isRequested()) {
                return new Published(count, exit, null);
            }
            LiveSources live = new LiveSources(sourceSettings, publisher, read, System.err);
            if (once) {
                try (live) {
                    FeedReport round = live.pollFeedsOnce();
                    count += round.published();
                    if (!round.failedSends().isEmpty()) {
                        exit = PublishReport.EXIT_SEND_FAILED;
                    } else if ((round.failedFeeds() > 0 || round.itemsSkipped() > 0)
                            && exit != PublishReport.EXIT_SEND_FAILED) {
                        exit = PublishReport.EXIT_INPUT_SKIPPED; // a failure (1) says more than a skip (3)
                    }
                }
                return new Published(count, exit, null);
            }
            // the publisher serves the sources until Ctrl-C; the hook stops the sources first, then closes it
            keep = true;
            shutdown.unregister(stopPublishing);
            shutdown.register("producer", publisher);
            shutdown.register("feeds and watched folder", live);
            live.start();
            System.out.println("Publishing from " + live.describe() + ".");
            return new Published(count, exit, live);
        } finally {
            finished.countDown();
            if (!keep) {
                shutdown.unregister(stopPublishing);
                publisher.close();
            }
        }
    }

    private static boolean awaitDrained(CoopwatchConfig config, StreamsRunner streams, Sink sink, Shutdown shutdown,
                                        Duration deadline) throws InterruptedException {
        Map<String, Set<String>> groups = new LinkedHashMap<>(streams.groups());
        TopicNames t = config.topicNames();
        groups.put(config.sinkGroupId(), Set.of(t.events(), t.alerts(), t.aggregates()));
        long until = System.nanoTime() + deadline.toNanos();
        long[] lastShown = {System.nanoTime()};
        try (Admin admin = KafkaClients.admin(config)) {
            LagWatcher watcher = new LagWatcher(admin, config.connectTimeout(), groups);
            return watcher.awaitDrained(Duration.ofMillis(500), 3,
                    () -> !shutdown.isRequested() && System.nanoTime() < until
                            && streams.failures().isEmpty() && sink.failure().isEmpty(),
                    s -> {
                        if (s.totalLag() > 0 && System.nanoTime() - lastShown[0] > TimeUnit.SECONDS.toNanos(5)) {
                            System.err.println("waiting for the pipeline to drain: lag " + s.totalLag() + " "
                                    + s.lagByGroup());
                            lastShown[0] = System.nanoTime();
                        }
                    });
        }
    }

    private static void failIfBroken(StreamsRunner streams, Sink sink) {
        if (!streams.failures().isEmpty()) {
            throw new CliException("a stream stage failed: " + String.join("; ", streams.failures()));
        }
        if (sink.failure().isPresent()) {
            throw new CliException("the sink stopped: " + sink.failure().get().getMessage(), sink.failure().get());
        }
    }

    private static String outputs(SinkConfig c) {
        return c.outputDir() == null ? "" : " and " + c.outputDir().toAbsolutePath().normalize() + "/*.jsonl";
    }

    private static Duration parseTimeout(String text) {
        try {
            Duration d = CoopwatchConfig.duration("--timeout", text);
            if (d.isZero()) {
                throw new CliException("--timeout must be positive", 2, null);
            }
            return d;
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), 2, e);
        }
    }
}
