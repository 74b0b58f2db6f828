package org.coopwatch.app.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.coopwatch.app.CliException;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.ConsoleProgress;
import org.coopwatch.producer.FailedSend;
import org.coopwatch.producer.ProgressListener;
import org.coopwatch.producer.PublishException;
import org.coopwatch.producer.PublishReport;
import org.coopwatch.producer.feed.FeedReader;
import org.coopwatch.producer.feed.FeedReport;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.producer.watch.FolderWatcher;

/**
 * The long-running article sources of {@code produce} and {@code run}: feeds polled every poll interval and
 * a watched folder, each on a thread of its own, sharing one publisher. Each polling round and each scan
 * that published something is reported on stderr, problems by URL or file. {@link #close()} stops both
 * between two articles, waits for what was sent to be acknowledged, and releases their state folders.
 */
public final class LiveSources implements AutoCloseable {

    /** How long a watcher that lost Kafka waits before it tries again. */
    private static final Duration WATCH_RETRY = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int FAILED_SHOWN = 10;

    private final ProducerSettings settings;
    private final ArticlePublisher publisher;
    private final PrintStream err;
    private final FeedReader feeds;
    private final FolderWatcher watcher;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private boolean closed;

    /**
     * Opens the feed reader and the folder watcher the settings ask for (their state folders under the data
     * folder); nothing is fetched or read yet.
     *
     * @throws CliException for a feeds file that cannot be read or lists a bad URL, a folder that is not one,
     *                      or a state folder another process is using
     */
    public LiveSources(ProducerSettings settings, ArticlePublisher publisher, ReadOptions read, PrintStream err) {
        this.settings = settings;
        this.publisher = publisher;
        this.err = err;
        FeedReader f = null;
        try {
            if (settings.hasFeeds()) {
                FeedReader.Builder b = FeedReader.builder(publisher).feeds(settings.feeds())
                        .pollInterval(settings.pollInterval()).dataDir(settings.feedState()).readOptions(read);
                if (settings.feedsFile() != null) {
                    readFeedsFile(b, settings.feedsFile());
                }
                f = open("feeds", settings.feedState(), b::build);
            }
            this.feeds = f;
            this.watcher = settings.watch() == null ? null : open("watched folder", settings.watchState(),
                    FolderWatcher.builder(publisher, settings.watch()).dataDir(settings.watchState()).readOptions(read)::build);
        } catch (RuntimeException e) {
            closeQuietly(f);
            throw e;
        }
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    private static <T> T open(String what, Path state, Opener<T> opener) {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new CliException("cannot keep the " + what + " state in " + state + ": " + e, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // no feeds, not a folder, or another coopwatch using the same state folder
            throw new CliException(e.getMessage(), e);
        }
    }

    private static void readFeedsFile(FeedReader.Builder b, Path file) {
        try {
            b.feedsFile(file);
        } catch (NoSuchFileException e) {
            throw new CliException("feeds file not found: " + file, e);
        } catch (IOException e) {
            throw new CliException("cannot read the feeds file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e); // "FILE:LINE: not an http(s) feed URL: '...'"
        }
    }

    public boolean hasFeeds() {
        return feeds != null;
    }

    public boolean hasWatch() {
        return watcher != null;
    }

    /** "3 feeds every 15m; folder incoming (new files as they appear)" for the start-up line. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (feeds != null) {
            int n = feeds.feeds().size();
            parts.add(n + " feed" + (n == 1 ? "" : "s") + " polled every " + human(settings.pollInterval()));
        }
        if (watcher != null) {
            parts.add("folder " + settings.watch() + " watched for new files");
        }
        return String.join("; ", parts);
    }

    /** One polling round of every feed now (for {@code run --once}); its summary goes to stderr. */
    public FeedReport pollFeedsOnce() throws InterruptedException {
        try {
            FeedReport r = feeds.pollOnce(problems());
            roundDone(r);
            return r;
        } catch (PublishException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * Checks that Kafka and the topic are there (the sources would otherwise retry for ever), then starts
     * polling and watching, each on its own thread, until {@link #close()}.
     *
     * @throws CliException when Kafka cannot be reached or the topic does not exist
     */
    public synchronized void start() {
        try {
            publisher.connect(); // also makes the producer here, before two threads could ask for it at once
        } catch (PublishException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (feeds != null) {
            thread("coopwatch-feeds", () -> feeds.run(problems(), this::roundDone));
        }
        if (watcher != null) {
            thread("coopwatch-watch", this::watch);
        }
    }

    /** Articles Kafka acknowledged from the feeds and the watched folder so far. */
    public long published() {
        return published.get();
    }

    /** Why a source stopped on its own, if one did (a bug: rounds and scans report their own problems). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void watch() throws InterruptedException {
        ConsoleProgress progress = ConsoleProgress.forStderr();
        while (stopping.getCount() > 0) {
            try {
                watcher.run(progress, r -> published.addAndGet(r.published()));
                return;
            } catch (PublishException e) {
                // Kafka away for longer than the connect timeout: the folder stays, try again
                err.println("watch " + settings.watch() + ": " + e.getMessage() + "; trying again in "
                        + WATCH_RETRY.toSeconds() + " s");
                if (stopping.await(WATCH_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }

    private void roundDone(FeedReport r) {
        published.addAndGet(r.published());
        List<FailedSend> failed = r.failedSends();
        for (FailedSend f : failed.subList(0, Math.min(failed.size(), FAILED_SHOWN))) {
            err.println(f);
        }
        if (failed.size() > FAILED_SHOWN) {
            err.println("... and " + (failed.size() - FAILED_SHOWN) + " more not published (retried next round)");
        }
        err.println("feeds: " + r.summary());
    }

    /** Each feed or page problem on a line of its own as it is found (rounds run unattended; no progress bar). */
    private ProgressListener problems() {
        return new ProgressListener() {
            @Override
            public void problem(Problem problem) {
                err.println(problem);
            }
        };
    }

    private interface Body {
        void run() throws Exception;
    }

    private void thread(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failures.add(name.substring("coopwatch-".length()) + ": " + e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /**
     * Stops polling and watching (a scan in progress stops between two articles; what was sent is
     * confirmed), waits for both threads and releases the state folders. Safe to call twice and from a
     * shutdown hook; a second caller waits for the first.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.countDown();
        if (feeds != null) {
            feeds.stop();
        }
        if (watcher != null) {
            watcher.stop();
        }
        long until = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                err.println("coopwatch: " + t.getName().substring("coopwatch-".length()) + " did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s");
            }
        }
        closeQuietly(feeds);
        closeQuietly(watcher);
    }

    private void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            err.println("coopwatch: while closing: " + e.getMessage());
        }
    }

    static String human(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return String.format(Locale.ROOT, "%dms", d.toMillis());
    }
}
