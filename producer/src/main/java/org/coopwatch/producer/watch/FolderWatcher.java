package org.coopwatch.producer.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.FailedSend;
import org.coopwatch.producer.ProgressListener;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.feed.PublishedStore;
import org.coopwatch.producer.source.FileSource;
import org.coopwatch.producer.source.Formats;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;

/**
 * {@code coopwatch produce --watch DIR}: publishes the files of a folder (recursively; .txt, .html, .json,
 * .jsonl ...) as they appear, and keeps watching until stopped.
 *
 * <p>The folder is scanned every scan interval (polling works on every file system, network mounts
 * included, and sees files moved in as well as written). A file is read once its size and modification
 * time have stayed the same over two scans, so a file still being copied is not read half-way; hidden
 * files (".name") are ignored, so write to ".name" and rename when done to be safe. A file is remembered
 * (path, size, modification time; in {@code published.log} under the data directory) once all its articles
 * are acknowledged by Kafka: a restart publishes nothing again, a file whose sends failed is tried again
 * at the next scan, and a file that is changed later is read again.
 *
 * <pre>{@code
 * try (ArticlePublisher publisher = ArticlePublisher.builder()...rate(200).build();
 *      FolderWatcher watcher = FolderWatcher.builder(publisher, Path.of("incoming"))
 *              .dataDir(dataDir.resolve("watch")).build()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(watcher::stop));
 *     watcher.run(ConsoleProgress.forStderr(), report -> System.err.println(report.summary()));
 * }
 * }</pre>
 */
public final class FolderWatcher implements AutoCloseable {

    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(2);

    private final ArticlePublisher publisher;
    private final Path folder;
    private final Duration scanInterval;
    private final FileSource files;
    private final PublishedStore store;
    private final Map<Path, String> pending = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private FolderWatcher(Builder b) throws IOException {
        this.publisher = Objects.requireNonNull(b.publisher);
        this.folder = Objects.requireNonNull(b.folder);
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException("cannot watch " + folder + ": not a folder");
        this.scanInterval = b.scanInterval;
        this.files = new FileSource(b.readOptions, b.formats, null);
        this.store = PublishedStore.open(Objects.requireNonNull(b.dataDir, "dataDir"), b.keep, b.readOptions.clock());
    }

    public static Builder builder(ArticlePublisher publisher, Path folder) {
        return new Builder(publisher, folder);
    }

    /**
     * One scan: publishes the files that are new (or changed) and have stopped changing. Returns null when
     * there was nothing to publish.
     */
    public PublishReport scanOnce(ProgressListener listener) {
        FileSource.Plan plan = files.plan(List.of(folder.toString()));
        for (Problem p : plan.rejected()) {
            // an unsupported file stays there; say so once, not at every scan
            if (p.kind() != Problem.Kind.EMPTY && reported.add(p.where())) listener.problem(p);
        }
        List<FileSource.Planned> ready = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        Set<Path> present = new HashSet<>();
        for (FileSource.Planned f : plan.files()) {
            present.add(f.path());
            String stamp = stamp(f.path());
            if (stamp == null) continue; // gone since the listing
            String key = "file:" + f.path().toAbsolutePath().normalize() + "|" + stamp;
            if (store.contains(key)) continue;
            if (stamp.equals(pending.get(f.path()))) {
                ready.add(f);
                keys.put(f.name(), key);
            } else {
                pending.put(f.path(), stamp); // new or still changing: read it once it stays the same
            }
        }
        pending.keySet().retainAll(present);
        if (ready.isEmpty()) return null;
        List<String> names = ready.stream().map(FileSource.Planned::name).toList();
        PublishReport report = publisher.publish(names, listener);
        List<String> done = new ArrayList<>();
        for (String name : names) {
            if (report.stopped() && !before(name, report.stoppedAt(), names)) continue;
            if (hasFailedSend(report, name)) continue;
            done.add(keys.get(name));
        }
        if (!done.isEmpty()) store.add(done);
        for (FileSource.Planned f : ready) {
            if (done.contains(keys.get(f.name()))) pending.remove(f.path());
        }
        return report;
    }

    /** Scans now and every scan interval until {@link #stop()}; each publishing scan's report goes to {@code afterScan}. */
    public void run(ProgressListener listener, Consumer<PublishReport> afterScan) throws InterruptedException {
        while (!stopRequested) {
            PublishReport r = scanOnce(listener);
            if (r != null) afterScan.accept(r);
            if (stopped.await(scanInterval.toMillis(), TimeUnit.MILLISECONDS)) break;
        }
    }

    /** Ends {@link #run}: a publish in progress stops between two articles, and what was sent is confirmed. */
    public void stop() {
        stopRequested = true;
        publisher.stop();
        stopped.countDown();
    }

    private static boolean before(String name, String stoppedAt, List<String> order) {
        String at = stoppedAt;
        int colon = at.lastIndexOf(':');
        String stoppedFile = order.contains(at) ? at : colon > 0 ? at.substring(0, colon) : at;
        int i = order.indexOf(stoppedFile);
        return i < 0 || order.indexOf(name) < i;
    }

    private static boolean hasFailedSend(PublishReport r, String name) {
        for (FailedSend f : r.failedSends()) {
            if (f.origin().equals(name) || f.origin().startsWith(name + ":")) return true;
        }
        return false;
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        stopRequested = true;
        stopped.countDown();
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final ArticlePublisher publisher;
        private final Path folder;
        private Path dataDir;
        private Duration scanInterval = DEFAULT_SCAN_INTERVAL;
        private Duration keep = Duration.ofDays(3650);
        private ReadOptions readOptions = ReadOptions.defaults();
        private Formats formats = Formats.standard();

        private Builder(ArticlePublisher publisher, Path folder) {
            this.publisher = publisher;
            this.folder = folder;
        }

        /** Where published files are remembered, e.g. {@code <data dir>/watch}. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder scanInterval(Duration d) {
            if (d == null || d.toMillis() < 1) throw new IllegalArgumentException("scan interval must be positive: " + d);
            this.scanInterval = d;
            return this;
        }

        /** The same options the publisher reads with. */
        public Builder readOptions(ReadOptions o) {
            this.readOptions = Objects.requireNonNull(o);
            return this;
        }

        public Builder formats(Formats f) {
            this.formats = Objects.requireNonNull(f);
            return this;
        }

        /**
         * @throws IOException              when the data directory cannot be used
         * @throws IllegalArgumentException when the folder is not a folder
         * @throws IllegalStateException    when another process uses the data directory
         */
        public FolderWatcher build() throws IOException {
            return new FolderWatcher(this);
        }
    }
}
