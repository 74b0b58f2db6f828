package org.coopwatch.classifier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;
import org.coopwatch.classifier.Classifier;

/**
 * JSON Lines in, JSON Lines out: one output line per input line, same order. Input lines are
 * {"id","text"[,"title","language",...]}; a line that cannot be read as an article gets
 * {"id":...,"error":"why"} and the run goes on. Batches are classified on several threads.
 */
public final class ClassifyRunner {
    private static final int BATCH = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a run did. */
    public record Summary(long lines, long errors, long millis) {}

    private final Classifier classifier;
    private final int threads;
    private final boolean explain;

    public ClassifyRunner(Classifier classifier, int threads) {
        this(classifier, threads, false);
    }

    /** @param explain add each country's evidence ({@code country_evidence}) to the output lines */
    public ClassifyRunner(Classifier classifier, int threads, boolean explain) {
        this.classifier = classifier;
        this.threads = Math.max(1, threads);
        this.explain = explain;
    }

    /** Convenience for the CLI: loads the classifier, uses all cores; returns the exit code. */
    public static int run(InputStream in, OutputStream out, PrintStream progress) {
        try {
            new ClassifyRunner(Classifier.load(), Runtime.getRuntime().availableProcessors()).process(in, out, progress);
            return 0; // unreadable lines are reported in the output; they do not fail the run
        } catch (UncheckedIOException e) {
            progress.println("classify: " + e.getCause().getMessage());
            return 1;
        }
    }

    public Summary process(InputStream in, OutputStream out, PrintStream progress) {
        long t0 = System.currentTimeMillis();
        long lines = 0, errors = 0, lastReport = t0;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        }) : null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> batch = new ArrayList<>(BATCH);
            String line;
            boolean eof = false;
            while (!eof) {
                batch.clear();
                while (batch.size() < BATCH && (line = reader.readLine()) != null) batch.add(line);
                eof = batch.size() < BATCH;
                List<String> results = classifyBatch(batch, pool);
                for (String r : results) {
                    writer.write(r);
                    writer.write('\n');
                    if (r.startsWith("{\"id\":") && r.contains("\"error\":")) errors += isError(r) ? 1 : 0;
                }
                lines += batch.size();
                long now = System.currentTimeMillis();
                if (progress != null && now - lastReport >= 2000) {
                    progress.printf("classify: %,d articles, %,.0f/s%n", lines, lines * 1000.0 / Math.max(1, now - t0));
                    lastReport = now;
                }
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        long ms = System.currentTimeMillis() - t0;
        if (progress != null) {
            progress.printf("classify: done, %,d lines (%,d unreadable) in %.1f s%n", lines, errors, ms / 1000.0);
        }
        return new Summary(lines, errors, ms);
    }

    private static boolean isError(String json) {
        try {
            return MAPPER.readTree(json).has("error");
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private List<String> classifyBatch(List<String> batch, ExecutorService pool) {
        List<String> out = new ArrayList<>(batch.size());
        if (pool == null || batch.size() < 4) {
            for (String l : batch) out.add(classifyLine(l));
            return out;
        }
        List<Future<String>> fs = new ArrayList<>(batch.size());
        for (String l : batch) fs.add(pool.submit(() -> classifyLine(l)));
        for (Future<String> f : fs) {
            try {
                out.add(f.get());
            } catch (Exception e) {
                out.add(error(null, "internal error: " + e.getMessage()));
            }
        }
        return out;
    }

    /** One output line for one input line; never throws. */
    public String classifyLine(String line) {
        if (line.isBlank()) return error(null, "empty line");
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return error(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) return error(null, "not a JSON object");
        JsonNode idNode = node.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.asText();
        if (id == null || id.isBlank()) return error(null, "missing 'id'");
        JsonNode textNode = node.get("text");
        if (textNode == null || !textNode.isTextual()) return error(id, "missing 'text' (a string)");
        String title = node.hasNonNull("title") ? node.get("title").asText() : null;
        String lang = node.hasNonNull("language") ? node.get("language").asText() : null;
        try {
            Analysis a = classifier.classify(new Article(id, textNode.asText(), title, lang), explain);
            return MAPPER.writeValueAsString(AnalysisJson.toJson(MAPPER, id, a, explain));
        } catch (RuntimeException | JsonProcessingException e) {
            return error(id, "cannot classify: " + e);
        }
    }

    private static String error(String id, String why) {
        ObjectNode o = MAPPER.createObjectNode();
        if (id == null) o.putNull("id");
        else o.put("id", id);
        o.put("error", why);
        return o.toString();
    }

    private static final String USAGE = """
            usage: ClassifyRunner --input IN.jsonl --output OUT.jsonl [--threads N] [--explain]
              Classifies news articles: one JSON object per input line ({"id","text"} required,
              "title" and "language" used when present), one result per output line in the same
              order (docs/event-model.md). '-' means stdin / stdout. Unreadable lines give
              {"id":...,"error":"why"} and the run goes on. Progress goes to stderr.
              --threads N   classification threads (default: number of cores)
              --explain     add country_evidence: each country's mentions, headline, party, first mention""";

    public static void main(String[] args) {
        String input = null, output = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean explain = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input", "-i" -> input = i + 1 < args.length ? args[++i] : null;
                case "--output", "-o" -> output = i + 1 < args.length ? args[++i] : null;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--explain" -> explain = true;
                case "--help", "-h" -> { System.out.println(USAGE); return; }
                default -> { System.err.println("unknown argument: " + args[i] + "\n" + USAGE); System.exit(2); }
            }
        }
        if (input == null || output == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
            OutputStream out = output.equals("-") ? System.out : Files.newOutputStream(Path.of(output));
            new ClassifyRunner(Classifier.load(), threads, explain).process(in, out, System.err);
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("classify: no such file: " + e.getFile());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("classify: cannot open " + e.getMessage());
            System.exit(1);
        }
    }
}
