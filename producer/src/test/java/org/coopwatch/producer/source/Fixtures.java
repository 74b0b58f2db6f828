package org.coopwatch.producer.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test inputs written on the fly, so no fixture hides what it contains. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    static final ReadOptions OPTIONS = ReadOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private Fixtures() {}

    static Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Plans and reads inputs the way produce does, everything into one sink. */
    static CollectingSink readFiles(ReadOptions options, InputStream stdin, String... inputs) {
        FileSource source = new FileSource(options, Formats.standard(), stdin);
        FileSource.Plan plan = source.plan(java.util.List.of(inputs));
        CollectingSink sink = new CollectingSink();
        plan.rejected().forEach(sink::problem);
        for (FileSource.Planned f : plan.files()) source.read(f, sink);
        return sink;
    }

    static CollectingSink readFiles(String... inputs) {
        return readFiles(OPTIONS, null, inputs);
    }

    static CollectingSink readFile(Path file) {
        return readFiles(file.toString());
    }

    /** Reads bytes as if they were a file of that name. */
    static CollectingSink read(ArticleReader reader, String name, byte[] bytes) {
        return read(reader, name, bytes, OPTIONS);
    }

    static CollectingSink read(ArticleReader reader, String name, byte[] bytes, ReadOptions options) {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            reader.read(new Input(name, name, in, bytes.length), options, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }
}
