package org.coopwatch.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.coopwatch.app.CliException;
import org.coopwatch.classifier.bench.ClassifierBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measure the classifier's speed and memory (no Kafka).",
        description = {"Loads the classifier (reporting load time and the heap it holds), then classifies in a loop "
            + "on one thread: the seed article, and a JSON Lines file ({\"id\", \"text\"} per line). Prints "
            + "articles per second per core and heap use. Files default to the project's ../shared corpus when it "
            + "is there. For the whole pipeline's throughput, time 'coopwatch run --once --input FILE'."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch bench",
            "  coopwatch bench --jsonl articles.jsonl --seconds 20"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "FILE", description = "One plain-text article to classify repeatedly.")
    Path seed;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "JSON Lines articles to classify in turn.")
    Path jsonl;

    @Option(names = "--seconds", paramLabel = "N", description = "Measuring time per input (default 5).")
    Double seconds;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>();
        for (Path file : new Path[] {seed, jsonl}) {
            if (file != null && !Files.isRegularFile(file)) {
                throw new CliException("file not found: " + file);
            }
        }
        if (seed != null) {
            args.addAll(List.of("--seed", seed.toString()));
        }
        if (jsonl != null) {
            args.addAll(List.of("--jsonl", jsonl.toString()));
        }
        if (seconds != null) {
            if (seconds <= 0) {
                throw new CliException("--seconds must be positive", 2, null);
            }
            args.addAll(List.of("--seconds", String.format(Locale.ROOT, "%s", seconds)));
        }
        ClassifierBench.main(args.toArray(String[]::new));
        return 0;
    }
}
