package org.coopwatch.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.ConsoleProgress;
import org.coopwatch.producer.PublishException;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.source.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Publish articles from files, folders or stdin to articles.raw.",
        description = {"Reads plain text (.txt: first line is the title), HTML, JSON and JSON Lines "
            + "({\"id\", \"text\", \"title\", \"url\", \"language\", \"published\"}), folders recursively, '-' for "
            + "standard input; a language may be named in the file name (report.hi.txt). Each article is keyed by "
            + "its id (its URL, else a hash of its text, so re-publishing keeps the key) and sent idempotently "
            + "with acks=all. A bad file or line is reported and skipped; the run goes on.",
            "",
            "Exit status: 0 all published, 1 some sends failed, 3 some inputs or lines skipped, "
                + "130 stopped by Ctrl-C (the summary says where, to resume from there)."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch produce news/",
            "  coopwatch produce articles.jsonl report.hi.txt",
            "  curl -s https://example.org/feed.json | coopwatch produce -"})
public final class ProduceCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, folders, or '-' for standard input.")
    List<String> inputs;

    @Option(names = "--max-text-size", paramLabel = "SIZE",
            description = "Longest article text accepted (default 2MiB); longer ones are reported and skipped.")
    String maxTextSize;

    @Override
    public Integer call() {
        CoopwatchConfig config = main.config(Map.of());
        ReadOptions read = ReadOptions.defaults();
        if (maxTextSize != null) {
            read = read.withMaxTextBytes(Sizes.parse("--max-text-size", maxTextSize));
        }
        CountDownLatch finished = new CountDownLatch(1);
        try (ArticlePublisher publisher = publisher(config, read);
             Shutdown shutdown = new Shutdown()) {
            // Ctrl-C: stop reading, but let the articles already sent be confirmed before the JVM exits
            shutdown.register("producer", () -> {
                publisher.stop();
                finished.await(60, TimeUnit.SECONDS);
            });
            try {
                return publish(publisher, inputs).exitCode();
            } finally {
                finished.countDown();
            }
        }
    }

    static ArticlePublisher publisher(CoopwatchConfig config, ReadOptions read) {
        try {
            return ArticlePublisher.builder()
                    .bootstrapServers(config.bootstrapServersOrDefault())
                    .topic(config.topics().raw())
                    .clientProperties(config.kafkaProperties())
                    .readOptions(read)
                    .connectTimeout(config.connectTimeout())
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
