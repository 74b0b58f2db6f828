package org.coopwatch.producer.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Files, folders and standard input as articles. {@link #plan} turns the user's inputs into the list of
 * files to read (folders recursively, in sorted order, so every run reads in the same order) and the
 * inputs that cannot be read at all; {@link #read} reads one of them. Nothing is skipped silently except
 * hidden files and folders (names starting with '.') inside a folder being walked.
 */
public final class FileSource {

    /** "-" among the inputs: read standard input. */
    public static final String STDIN = "-";
    /** Enough to tell text from binary the way git does: a NUL in the first 8 KiB. */
    private static final int SNIFF_BYTES = 8192;

    /** A file (or stdin, when {@code path} is null) and the reader for it. */
    public record Planned(String name, Path path, ArticleReader reader) {
        public boolean isStdin() {
            return path == null;
        }
    }

    /**
     * What to read, and the inputs rejected while looking (missing, unsupported type, unreadable or empty
     * folder), each of which counts as one skipped input.
     */
    public record Plan(List<Planned> files, List<Problem> rejected) {
        public int inputs() {
            return files.size() + rejected.size();
        }

        /** The bytes of the planned files (stdin not counted), for progress and ETA. */
        public long bytes() {
            long total = 0;
            for (Planned f : files) {
                if (f.isStdin()) continue;
                try {
                    total += Files.size(f.path());
                } catch (IOException e) {
                    // reported when it is read
                }
            }
            return total;
        }
    }

    /** What reading one input gave: how many articles, and whether the input as a whole was skipped. */
    public record Outcome(int articles, boolean skipped) {}

    private final ReadOptions options;
    private final Formats formats;
    private final InputStream stdin;
    private final java.util.concurrent.atomic.LongAdder bytesRead = new java.util.concurrent.atomic.LongAdder();

    public FileSource(ReadOptions options, Formats formats, InputStream stdin) {
        this.options = Objects.requireNonNull(options, "options");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.stdin = stdin;
    }

    public ReadOptions options() {
        return options;
    }

    /** Bytes read from files so far, by every read of this source (progress: compare with {@link Plan#bytes()}). */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /**
     * The files to read for these inputs: paths of files or folders, or "-" for standard input (at most once).
     *
     * @throws IllegalArgumentException when "-" appears twice or no input is given (usage errors)
     */
    public Plan plan(List<String> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("no input: give files, folders, or - for standard input");
        List<Planned> files = new ArrayList<>();
        List<Problem> rejected = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        boolean stdinSeen = false;
        for (String in : inputs) {
            if (in.equals(STDIN)) {
                if (stdinSeen) throw new IllegalArgumentException("standard input (-) can be read only once");
                stdinSeen = true;
                files.add(new Planned(Input.STDIN_NAME, null, null));
                continue;
            }
            Path p;
            try {
                p = Path.of(in);
            } catch (InvalidPathException e) {
                rejected.add(Problem.ofFile(in, Problem.Kind.UNREADABLE, "not a valid path: " + e.getReason()));
                continue;
            }
            if (Files.isDirectory(p)) {
                int before = files.size();
                int rejectedBefore = rejected.size();
                walk(p, p.toString(), files, rejected, seen);
                if (files.size() == before && rejected.size() == rejectedBefore) {
                    rejected.add(Problem.ofFile(p.toString(), Problem.Kind.EMPTY,
                            "folder holds no files (hidden ones are ignored)"));
                }
            } else if (!Files.exists(p)) {
                rejected.add(Problem.ofFile(in, Problem.Kind.UNREADABLE, "no such file or folder"));
            } else {
                addFile(p, in, files, rejected, seen);
            }
        }
        return new Plan(files, rejected);
    }

    private void walk(Path dir, String name, List<Planned> files, List<Problem> rejected, Set<Path> seen) {
        try {
            if (!seen.add(dir.toRealPath())) return; // a symbolic link back up the tree
        } catch (IOException e) {
            rejected.add(Problem.ofFile(name, Problem.Kind.UNREADABLE, "cannot open folder: " + reason(e)));
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) children.add(c);
        } catch (IOException e) {
            rejected.add(Problem.ofFile(name, Problem.Kind.UNREADABLE, "cannot list folder: " + reason(e)));
            return;
        }
        children.sort(Comparator.comparing(c -> c.getFileName().toString()));
        for (Path c : children) {
            String fileName = c.getFileName().toString();
            if (fileName.startsWith(".")) continue;
            String childName = name.isEmpty() || name.endsWith("/") ? name + fileName : name + "/" + fileName;
            if (Files.isDirectory(c)) {
                walk(c, childName, files, rejected, seen);
            } else {
                addFile(c, childName, files, rejected, seen);
            }
        }
    }

    private void addFile(Path p, String name, List<Planned> files, List<Problem> rejected, Set<Path> seen) {
        try {
            if (!seen.add(p.toRealPath())) return; // named twice (directly and in a folder, or by a link)
        } catch (IOException e) {
            rejected.add(Problem.ofFile(name, Problem.Kind.UNREADABLE, reason(e)));
            return;
        }
        ArticleReader reader = formats.forFileName(p.getFileName().toString());
        if (reader == null) {
            rejected.add(Problem.ofFile(name, Problem.Kind.UNSUPPORTED,
                    "not a type produce reads (" + formats.extensions() + ")"));
            return;
        }
        files.add(new Planned(name, p, reader));
    }

    /**
     * Reads one planned input, handing its articles and problems to the sink. Never throws for the
     * input's sake: an I/O error or a reader failure becomes an UNREADABLE problem naming the file.
     *
     * @throws ReadStopped when the sink throws it to stop reading
     */
    public Outcome read(Planned planned, ReadSink sink) {
        int[] articles = {0};
        boolean[] skips = {false};
        ReadSink counting = new ReadSink() {
            @Override
            public void article(SourceArticle a) {
                articles[0]++;
                sink.article(a);
            }

            @Override
            public void problem(Problem p) {
                if (p.kind().skips()) skips[0] = true;
                sink.problem(p);
            }
        };
        try {
            if (planned.isStdin()) {
                readStdin(counting);
            } else {
                readFile(planned, counting);
            }
        } catch (IOException e) {
            counting.problem(Problem.ofFile(planned.name(), Problem.Kind.UNREADABLE, "cannot read: " + reason(e)
                    + (articles[0] > 0 ? " (after " + articles[0] + (articles[0] == 1 ? " article)" : " articles)") : "")));
        } catch (ReadStopped e) {
            throw e;
        } catch (RuntimeException e) {
            // a reader bug or a library choking on strange content must not end the whole run
            counting.problem(Problem.ofFile(planned.name(), Problem.Kind.UNREADABLE, "cannot read: " + e));
        }
        if (articles[0] == 0 && !skips[0]) {
            counting.problem(Problem.ofFile(planned.name(), Problem.Kind.EMPTY, "no articles in it"));
        }
        return new Outcome(articles[0], articles[0] == 0);
    }

    private void readFile(Planned planned, ReadSink sink) throws IOException {
        long size = Files.size(planned.path());
        try (InputStream raw = counting(Files.newInputStream(planned.path()));
             BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024)) {
            if (sniffBinary(in)) {
                sink.problem(Problem.ofFile(planned.name(), Problem.Kind.BINARY,
                        "contains NUL bytes: a binary file (image, archive, PDF...) or UTF-16 without a byte-order mark"));
                return;
            }
            planned.reader().read(new Input(planned.name(), planned.name(), in, size), options, sink);
        }
    }

    /** Stdin is JSON Lines when its first non-blank character is '{', else one text article. */
    private void readStdin(ReadSink sink) throws IOException {
        if (stdin == null) throw new IOException("no standard input available");
        BufferedInputStream in = new BufferedInputStream(stdin, 64 * 1024);
        if (sniffBinary(in)) {
            sink.problem(Problem.ofFile(Input.STDIN_NAME, Problem.Kind.BINARY,
                    "contains NUL bytes: binary data, not text or JSON Lines"));
            return;
        }
        Input input = new Input(Input.STDIN_NAME, "stdin", in, -1);
        ArticleReader reader = startsWithBrace(in) ? new JsonLinesReader() : new TextReader();
        reader.read(input, options, sink);
    }

    private InputStream counting(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) bytesRead.increment();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) bytesRead.add(n);
                return n;
            }
        };
    }

    private static boolean sniffBinary(BufferedInputStream in) throws IOException {
        byte[] head = peek(in, SNIFF_BYTES);
        return TextDecoding.looksBinary(head, head.length);
    }

    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        byte[] head = peek(in, SNIFF_BYTES);
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) i++;
        return i < head.length && head[i] == '{';
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] buf = new byte[n];
        int total = 0;
        while (total < n) {
            int r = in.read(buf, total, n - total);
            if (r < 0) break;
            total += r;
        }
        in.reset();
        return total == n ? buf : java.util.Arrays.copyOf(buf, total);
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file (removed while reading?)";
        if (e instanceof AccessDeniedException) return "permission denied";
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
