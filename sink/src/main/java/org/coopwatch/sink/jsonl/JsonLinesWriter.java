package org.coopwatch.sink.jsonl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends JSON Lines files (one JSON object per line, UTF-8) in one folder, one file per name.
 *
 * <p>Append-only, so it is at-least-once: when the sink stops between writing a batch and committing
 * its Kafka offsets, the batch is read again and its lines are appended again. Readers that need one
 * line per record keep the last line per id ({@code eventId}, {@code alertId}, {@code aggregateId});
 * the database is the idempotent store. A line cut short by a crash is closed with a newline on the
 * next open, so it never swallows the following record.
 */
public final class JsonLinesWriter implements AutoCloseable {

    private final Path dir;
    private final Map<String, Writer> writers = new LinkedHashMap<>();

    public JsonLinesWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The file a name is written to: {@code <dir>/<name>.jsonl}. */
    public Path file(String name) {
        return dir.resolve(name + ".jsonl");
    }

    /** Appends one line; {@code json} must not contain a line break (AvroJson escapes them). */
    public void append(String name, String json) throws IOException {
        Writer w = writers.get(name);
        if (w == null) {
            w = open(file(name));
            writers.put(name, w);
        }
        w.write(json);
        w.write('\n');
    }

    /** Hands everything appended so far to the operating system. */
    public void flush() throws IOException {
        for (Writer w : writers.values()) {
            w.flush();
        }
    }

    private static Writer open(Path file) throws IOException {
        boolean cutShort = false;
        if (Files.exists(file) && Files.size(file) > 0) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(raf.length() - 1);
                cutShort = raf.read() != '\n';
            }
        }
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (cutShort) w.write('\n');
        return w;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        writers.clear();
        if (first != null) throw first;
    }
}
