package org.coopwatch.producer.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the feed reader has published, remembered across restarts, under the data directory:
 * <ul>
 *   <li>{@code published.log}: one line per published item, {@code <epoch millis> TAB <key>}, appended
 *       only once Kafka has acknowledged the article (so a crash can cost a re-send, never a loss; the
 *       pipeline's story index drops such a re-send as an exact duplicate). Entries older than
 *       {@code keep} are dropped when the store opens (feeds list recent items only), and the file is
 *       rewritten then if that halves it.</li>
 *   <li>{@code feeds.tsv}: per feed, the ETag and Last-Modified of the last response whose items were all
 *       published, replaced atomically.</li>
 *   <li>{@code .lock}: held while open, so two readers cannot share (and corrupt) one directory.</li>
 * </ul>
 */
public final class PublishedStore implements AutoCloseable {

    static final String LOG = "published.log";
    static final String FEEDS = "feeds.tsv";

    private final Path dir;
    private final Clock clock;
    private final Map<String, Long> published = new HashMap<>();
    private final Map<String, HttpFetcher.Validators> validators = new LinkedHashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private BufferedWriter log;

    private PublishedStore(Path dir, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the store in {@code dir}.
     *
     * @throws IOException           when the directory cannot be created or read
     * @throws IllegalStateException when another process holds the directory
     */
    public static PublishedStore open(Path dir, Duration keep, Clock clock) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException("the record of published items in " + dir + " is in use by another coopwatch process;"
                    + " stop it, or give this one another data directory");
        }
        PublishedStore s = new PublishedStore(dir, clock, ch, lock);
        try {
            s.load(keep);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void load(Duration keep) throws IOException {
        Path logFile = dir.resolve(LOG);
        long cutoff = clock.millis() - keep.toMillis();
        int lines = 0;
        if (Files.exists(logFile)) {
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab <= 0) continue; // a line cut short by a crash
                lines++;
                long t;
                try {
                    t = Long.parseLong(line.substring(0, tab));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (t >= cutoff) published.merge(line.substring(tab + 1), t, Math::max);
            }
        }
        if (lines > 0 && published.size() * 2 < lines) compact(logFile);
        log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path feeds = dir.resolve(FEEDS);
        if (Files.exists(feeds)) {
            for (String line : Files.readAllLines(feeds, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 3) validators.put(f[0], new HttpFetcher.Validators(empty(f[1]), empty(f[2])));
            }
        }
    }

    private void compact(Path logFile) throws IOException {
        Path tmp = dir.resolve(LOG + ".tmp");
        List<String> out = new ArrayList<>(published.size());
        published.forEach((k, t) -> out.add(t + "\t" + k));
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, logFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public synchronized boolean contains(String key) {
        return published.containsKey(clean(key));
    }

    /** Remembers published keys; call only once Kafka has acknowledged the article. */
    public synchronized void add(List<String> keys) {
        long now = clock.millis();
        try {
            for (String k : keys) {
                String c = clean(k);
                published.put(c, now);
                log.write(now + "\t" + c + "\n");
            }
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(LOG) + ": " + e.getMessage(), e);
        }
    }

    public synchronized HttpFetcher.Validators validators(String feed) {
        return validators.getOrDefault(feed, HttpFetcher.Validators.NONE);
    }

    /** Keeps a feed's validators; call only once every new item of that response is published. */
    public synchronized void validators(String feed, HttpFetcher.Validators v) {
        validators.put(feed, v);
        List<String> lines = new ArrayList<>();
        validators.forEach((f, val) -> lines.add(clean(f) + "\t" + nz(val.etag()) + "\t" + nz(val.lastModified())));
        try {
            Path tmp = dir.resolve(FEEDS + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(FEEDS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FEEDS) + ": " + e.getMessage(), e);
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static String nz(String s) {
        return s == null ? "" : clean(s);
    }

    private static String empty(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (log != null) log.close();
        } finally {
            try {
                if (lock != null && lock.isValid()) lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
