package org.coopwatch.classifier.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopwatch.classifier.Article;
import org.coopwatch.classifier.Classifier;

/**
 * Speed and memory of the classifier: load time, heap held by the loaded classifier, and
 * single-thread throughput (articles/s per core) on the seed article (~6 KB of Hindi) and on a
 * JSON Lines file (by default the Reuters dev set). Usage:
 * {@code ClassifierBench [--seed FILE] [--jsonl FILE] [--seconds N]}; files default to
 * ../shared/corpus/... found by walking up from the working directory.
 */
public final class ClassifierBench {
    private ClassifierBench() {}

    public static void main(String[] args) throws IOException {
        Path seed = find("shared/corpus/seed/india-russia-working-group.hi.txt");
        Path jsonl = find("shared/corpus/dev/reuters-dev.jsonl");
        double seconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Path.of(args[++i]);
                case "--jsonl" -> jsonl = Path.of(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: ClassifierBench [--seed FILE] [--jsonl FILE] [--seconds N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long before = usedHeap();
        long t0 = System.nanoTime();
        Classifier c = Classifier.load();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long held = usedHeap() - before;
        System.out.printf("load: %d ms, %,d gazetteer + %,d lexicon forms, heap held by the classifier: %.1f MB%n",
                loadMs, c.gazetteerForms(), c.lexiconForms(), held / 1e6);

        if (seed != null && Files.exists(seed)) {
            String text = Files.readString(seed, StandardCharsets.UTF_8);
            List<Article> one = List.of(Article.of("seed", text));
            run(c, "seed article (" + text.length() + " chars)", one, seconds);
        } else {
            System.out.println("seed article not found; pass --seed FILE");
        }
        if (jsonl != null && Files.exists(jsonl)) {
            ObjectMapper json = new ObjectMapper();
            List<Article> articles = new ArrayList<>();
            long chars = 0;
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                articles.add(new Article(n.path("id").asText(), n.path("text").asText(), n.path("title").asText(null), null));
                chars += n.path("text").asText().length();
            }
            run(c, jsonl.getFileName() + " (" + articles.size() + " articles, avg " + chars / Math.max(1, articles.size()) + " chars)",
                    articles, seconds);
        } else {
            System.out.println("JSON Lines file not found; pass --jsonl FILE");
        }
        System.out.printf("heap in use after the runs: %.1f MB (max %.0f MB)%n", usedHeap() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** Warms up, then classifies in a loop on this one thread for about {@code seconds}. */
    private static void run(Classifier c, String what, List<Article> articles, double seconds) {
        long warm = System.nanoTime() + (long) (Math.min(2, seconds / 2) * 1e9);
        int sink = 0;
        for (int i = 0; System.nanoTime() < warm; i++) sink += c.classify(articles.get(i % articles.size())).countries().size();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            sink += c.classify(articles.get((int) (n % articles.size()))).interactions().size();
            n++;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf("%s: %,d articles in %.1f s on one thread = %,.0f articles/s per core (%.0f per CPU-second)%s%n",
                what, n, wall, n / wall, n / Math.max(cpu, 1e-9), sink == 42 ? " " : "");
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static Path find(String rel) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve(rel);
            if (Files.exists(c)) return c;
            Path sibling = p.getParent() == null ? null : p.getParent().resolve(rel);
            if (sibling != null && Files.exists(sibling)) return sibling;
        }
        return null;
    }
}
