package org.coopwatch.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.pipeline.LiveSources;
import org.coopwatch.app.pipeline.ProducerSettings;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.ConsoleProgress;
import org.coopwatch.producer.PublishException;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.source.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Publish articles from files, folders, stdin, RSS/Atom feeds or a watched folder to articles.raw.",
        description = {"Reads plain text (.txt: first line is the title), HTML, JSON and JSON Lines "
            + "({\"id\", \"text\", \"title\", \"url\", \"language\", \"published\"}), folders recursively, '-' for "
            + "standard input; a language may be named in the file name (report.hi.txt). Each article is keyed by "
            + "its id (its URL, else a hash of its text, so re-publishing keeps the key) and sent idempotently "
            + "with acks=all. A bad file or line is reported and skipped; the run goes on.",
            "",
            "With --feed, --feeds-file or --watch it keeps running after the INPUTs (if any) until Ctrl-C: feeds "
                + "are polled every --poll-interval and new files of the watched folder published as they appear. "
                + "Each round and scan is summed up on stderr, with its problems by URL or file. What was "
                + "published is remembered in DATA_DIR/feeds and DATA_DIR/watch, so a restart publishes nothing "
                + "twice; an item Kafka did not acknowledge is tried again at the next round.",
            "",
            "Exit status: 0 all published, 1 some sends failed (or Kafka is unreachable), 2 usage error, 3 some "
                + "inputs or lines skipped, 130 stopped by Ctrl-C (the summary says where, to resume from there; "
                + "the usual end of feeds and --watch)."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch produce news/",
            "  coopwatch produce articles.jsonl report.hi.txt",
            "  coopwatch produce --rate 20/s archive.jsonl   # 20 articles a second",
            "  coopwatch produce --feed https://example.org/world.rss --poll-interval 10m",
            "  coopwatch produce --feeds-file feeds.txt --watch incoming/ -d /var/lib/cw",
            "  curl -s https://example.org/feed.json | coopwatch produce -"})
public final class ProduceCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "Files, folders, or '-' for standard input (needed unless feeds or --watch are given).")
    List<String> inputs;

    // the same flag as `run --input`, so scripts can use one spelling for both commands
    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "A file, folder or '-' for standard input (repeatable; the same as giving it as INPUT).")
    List<String> inputFlags;

    @Mixin
    SourceOptions sources;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "Where feeds and --watch remember what they published (setting data.dir, default "
                    + "./coopwatch-data; kept in its feeds/ and watch/ folders).")
    Path dataDir;

    @Option(names = "--max-text-size", paramLabel = "SIZE",
            description = "Longest article text accepted (default 2MiB); longer ones are reported and skipped.")
    String maxTextSize;

    /** This command's flags as settings (keys as in the properties file), for {@link Main#config}. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put(CoopwatchConfig.DATA_DIR, dataDir.toString());
        }
        sources.addTo(flags);
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        CoopwatchConfig config = main.config(flags());
        ProducerSettings settings = ProducerSettings.from(config);
        boolean live = settings.hasFeeds() || settings.watch() != null;
        List<String> files = new java.util.ArrayList<>();
        if (inputFlags != null) files.addAll(inputFlags);
        if (inputs != null) files.addAll(inputs);
        if (files.isEmpty() && !live) {
            throw new CliException("nothing to publish: give files, folders or '-', or --feed URL, --feeds-file FILE "
                    + "or --watch DIR", 2, null);
        }
        ReadOptions read = ReadOptions.defaults();
        if (maxTextSize != null) {
            read = read.withMaxTextBytes(Sizes.parse("--max-text-size", maxTextSize));
        }
        CountDownLatch finished = new CountDownLatch(1);
        try (ArticlePublisher publisher = publisher(config, read, settings.rate());
             Shutdown shutdown = new Shutdown()) {
            // Ctrl-C: stop reading, but let the articles already sent be confirmed before the JVM exits
            shutdown.register("producer", () -> {
                publisher.stop();
                finished.await(60, TimeUnit.SECONDS);
            });
            try {
                PublishReport report = files.isEmpty() ? null : publish(publisher, files);
                if (!live || shutdown.isRequested()) {
                    return report == null ? PublishReport.EXIT_STOPPED : report.exitCode();
                }
                return runLive(settings, publisher, read, shutdown);
            } finally {
                finished.countDown();
            }
        }
    }

    /** Feeds and the watched folder until Ctrl-C. */
    private static int runLive(ProducerSettings settings, ArticlePublisher publisher, ReadOptions read,
                               Shutdown shutdown) throws InterruptedException {
        LiveSources live = shutdown.register("feeds and watched folder",
                new LiveSources(settings, publisher, read, System.err));
        live.start();
        System.err.println("Publishing from " + live.describe() + " to " + publisher.topic().name()
                + ". Ctrl-C stops.");
        while (!shutdown.await(Duration.ofSeconds(1))) {
            if (!live.failures().isEmpty()) {
                live.close();
                throw new CliException("a source stopped: " + String.join("; ", live.failures()));
            }
        }
        live.close(); // the hook may be closing it too: this waits for that
        System.err.println("Stopped: " + live.published() + " articles published from "
                + (live.hasFeeds() ? live.hasWatch() ? "the feeds and the watched folder" : "the feeds" : "the watched folder")
                + " since the start.");
        return PublishReport.EXIT_STOPPED;
    }

    static ArticlePublisher publisher(CoopwatchConfig config, ReadOptions read, double rate) {
        try {
            return ArticlePublisher.builder()
                    .bootstrapServers(config.bootstrapServersOrDefault())
                    .topic(config.topics().raw())
                    .clientProperties(config.kafkaProperties())
                    .readOptions(read)
                    .connectTimeout(config.connectTimeout())
                    .rate(rate)
                    .build();
        } catch (PublishException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    static PublishReport publish(ArticlePublisher publisher, List<String> inputs) {
        try {
            return publisher.publish(inputs, ConsoleProgress.forStderr());
        } catch (PublishException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2, e);
        }
    }
}
