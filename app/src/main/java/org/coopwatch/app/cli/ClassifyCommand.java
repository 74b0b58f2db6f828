package org.coopwatch.app.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.coopwatch.app.CliException;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.classifier.cli.ClassifyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Classify articles from JSON Lines, without Kafka.",
        description = {"Reads one article per line ({\"id\": ..., \"text\": ...}; \"title\" and \"language\" are used "
            + "when present, other fields ignored) and writes one line per input line, in the same order: "
            + "language, countries (ISO3), places, people, organizations and events (pairs of countries with a "
            + "PLOVER type, CAMEO code, sectors, confidence and evidence), as docs/event-model.md specifies. "
            + "A line that cannot be read gives {\"id\": ..., \"error\": \"why\"} and the run goes on. "
            + "Progress goes to stderr."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch classify --input articles.jsonl --output results.jsonl",
            "  cat articles.jsonl | coopwatch classify --input - --output - | jq .countries"})
public final class ClassifyCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "IN.jsonl",
            description = "JSON Lines to read; '-' reads standard input.")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.jsonl",
            description = "Where to write the results; '-' writes to standard output. "
                    + "A file appears only when complete (written next to it, then renamed).")
    String output;

    @Option(names = "--threads", paramLabel = "N", description = "Classification threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--explain", description = "Also write country_evidence: for each country, how many times the text "
            + "names it, whether the headline does, whether it is a party to an event, and its first mention with "
            + "offsets (to rank the countries an article is mainly about).")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new CliException("--threads must be at least 1", 2, null);
        }
        Path in = input.equals("-") ? null : Path.of(input);
        if (in != null) {
            if (!Files.exists(in)) {
                throw new CliException("input file not found: " + in);
            }
            if (Files.isDirectory(in)) {
                throw new CliException("input is a directory, not a JSON Lines file: " + in);
            }
            if (!Files.isReadable(in)) {
                throw new CliException("input file is not readable: " + in);
            }
        }
        Path out = output.equals("-") ? null : Path.of(output).toAbsolutePath();
        Path partial = null;
        if (out != null) {
            if (Files.isDirectory(out)) {
                throw new CliException("output is a directory, not a file: " + out);
            }
            Path parent = out.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new CliException("output folder does not exist: " + parent);
            }
            try {
                partial = Files.createTempFile(parent, "." + out.getFileName() + ".", ".partial");
                partial.toFile().deleteOnExit(); // Ctrl-C leaves no half-written file behind
            } catch (AccessDeniedException e) {
                throw new CliException("cannot write to the output folder " + parent, e);
            }
        }
        Classifier classifier = Classifier.load();
        boolean done = false;
        try (InputStream inStream = in == null ? System.in : Files.newInputStream(in);
             OutputStream outStream = partial == null ? new KeepOpen(System.out) : Files.newOutputStream(partial)) {
            new ClassifyRunner(classifier, threads, explain).process(inStream, outStream, System.err);
            done = true;
        } catch (NoSuchFileException e) {
            throw new CliException("input file not found: " + in, e);
        } catch (UncheckedIOException e) {
            throw new CliException("classify failed: " + e.getCause().getMessage(), e);
        } finally {
            if (partial != null && !done) {
                Files.deleteIfExists(partial);
            }
        }
        if (partial != null) {
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return 0;
    }

    /** Standard output stays open after the runner closes its writer. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
