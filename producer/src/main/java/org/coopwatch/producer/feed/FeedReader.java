package org.coopwatch.producer.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.FailedSend;
import org.coopwatch.producer.ProgressListener;
import org.coopwatch.producer.source.Articles;
import org.coopwatch.producer.source.HtmlReader;
import org.coopwatch.producer.source.Input;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.producer.source.ReadSink;
import org.coopwatch.producer.source.SourceArticle;
import org.coopwatch.schemas.ArticleIds;

/**
 * {@code coopwatch produce --feed URL / --feeds-file FILE}: polls RSS and Atom feeds and publishes their new
 * items to the raw topic, each item's page fetched and its article text extracted ({@link HtmlReader}:
 * jsoup and boilerplate removal), the feed's own summary published when the page cannot be read.
 *
 * <p>Nothing twice, nothing lost: an item is remembered ({@link PublishedStore}, under the data directory)
 * only once Kafka has acknowledged its article, and a feed's ETag / Last-Modified only once all its new
 * items are published, so a restart republishes nothing and a failure (broker away longer than the
 * producer's delivery timeout, a page that timed out) is tried again at the next round. A feed or page
 * that fails is reported by URL and never stops the others. Requests are conditional, polite (one
 * request start per host per politeness delay), time-limited and retried with backoff ({@link HttpFetcher}).
 *
 * <pre>{@code
 * try (ArticlePublisher publisher = ArticlePublisher.builder().bootstrapServers(servers).topic(topics.raw()).build();
 *      FeedReader feeds = FeedReader.builder(publisher).feeds(urls).dataDir(dataDir.resolve("feeds"))
 *              .pollInterval(Duration.ofMinutes(15)).build()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(feeds::stop));
 *     feeds.run(ConsoleProgress.forStderr(), report -> System.err.println(report.summary()));
 * }
 * }</pre>
 */
public final class FeedReader implements AutoCloseable {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_POLITENESS = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_KEEP = Duration.ofDays(90);

    private final ArticlePublisher publisher;
    private final List<URI> feeds;
    private final Duration pollInterval;
    private final ReadOptions options;
    private final HttpFetcher http;
    private final FeedParser parser = new FeedParser();
    private final HtmlReader html = new HtmlReader();
    private final PublishedStore store;
    private final int threads;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private FeedReader(Builder b) throws IOException {
        this.publisher = Objects.requireNonNull(b.publisher, "publisher");
        if (b.feeds.isEmpty()) throw new IllegalArgumentException("no feeds: give --feed URL or --feeds-file FILE");
        this.feeds = FeedList.distinct(b.feeds);
        this.pollInterval = b.pollInterval;
        this.options = b.readOptions;
        this.http = new HttpFetcher(new Politeness(b.politeness), b.timeout, b.retries, b.backoff);
        this.threads = Math.max(1, Math.min(b.threads, feeds.size()));
        this.store = PublishedStore.open(Objects.requireNonNull(b.dataDir, "dataDir"), b.keep, b.readOptions.clock());
    }

    public static Builder builder(ArticlePublisher publisher) {
        return new Builder(publisher);
    }

    public List<URI> feeds() {
        return feeds;
    }

    /**
     * Polls every feed once (several at a time, politely per host) and returns when every new item is
     * published or has failed.
     *
     * @throws org.coopwatch.producer.PublishException when Kafka cannot be reached or the topic is missing
     */
    public FeedReport pollOnce(ProgressListener listener) throws InterruptedException {
        publisher.connect();
        Round round = new Round(synchronizedListener(listener));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "coopwatch-feed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (URI feed : feeds) tasks.add(pool.submit(() -> {
                pollFeed(feed, round);
                return null;
            }));
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // pollFeed reports its own problems; this is a bug, and it must not stop the other feeds
                    round.problem(Problem.ofFile("feeds", Problem.Kind.UNREADABLE, "unexpected error: " + e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return round.report(feeds.size());
    }

    /**
     * Polls every feed now and then every poll interval until {@link #stop()}; each round's report goes
     * to {@code afterRound}. A round that cannot reach Kafka is reported and the next one tries again.
     */
    public void run(ProgressListener listener, Consumer<FeedReport> afterRound) throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coopwatch-feed-scheduler");
            t.setDaemon(true);
            return t;
        });
        ProgressListener safe = synchronizedListener(listener);
        scheduler.scheduleWithFixedDelay(() -> {
            if (stopRequested) return;
            try {
                afterRound.accept(pollOnce(safe));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                safe.problem(Problem.ofFile("kafka", Problem.Kind.UNREADABLE, "round skipped: " + e.getMessage()
                        + "; trying again in " + pollInterval.toMinutes() + " min"));
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            stopped.await();
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Ends {@link #run} after the current round's sends are confirmed. Safe from any thread (Ctrl-C hook). */
    public void stop() {
        stopRequested = true;
        stopped.countDown();
    }

    private void pollFeed(URI feedUri, Round round) throws InterruptedException {
        String feedUrl = feedUri.toString();
        HttpFetcher.Response resp;
        try {
            resp = http.get(feedUri, store.validators(feedUrl), Math.max(16L << 20, options.maxTextBytes() * 4));
        } catch (FeedException e) {
            round.feedFailed(Problem.ofFile(feedUrl, Problem.Kind.UNREADABLE, "feed not fetched: " + e.getMessage()));
            return;
        }
        if (resp.notModified()) {
            round.unchanged.incrementAndGet();
            return;
        }
        Feed feed;
        try {
            feed = parser.parse(resp.body(), resp.charset());
        } catch (FeedException e) {
            round.feedFailed(Problem.ofFile(feedUrl, Problem.Kind.NOT_A_FEED, e.getMessage()));
            return;
        }
        HttpFetcher.Validators validators = new HttpFetcher.Validators(resp.etag(), resp.lastModified());
        if (feed.items().isEmpty()) {
            round.problem(Problem.ofFile(feedUrl, Problem.Kind.EMPTY, "the " + feed.format() + " feed lists no items"));
            store.validators(feedUrl, validators);
            return;
        }
        List<Feed.Item> fresh = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Feed.Item item : feed.items()) {
            if (listed.add(item.key()) && !published(item)) fresh.add(item); // a feed may list an item twice
        }
        Collections.reverse(fresh); // feeds list the newest first; publish in the order they appeared
        round.newItems.addAndGet(fresh.size());
        String source = feed.title() != null ? feed.title() : feedUri.getHost();
        int unread = 0;
        CountDownLatch sends = new CountDownLatch(fresh.size());
        AtomicInteger failedSends = new AtomicInteger();
        for (int n = 0; n < fresh.size(); n++) {
            Feed.Item item = fresh.get(n);
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                for (int i = n; i < fresh.size(); i++) sends.countDown();
                unread++;
                break;
            }
            SourceArticle article = article(item, feed, source, feedUri, round);
            if (article == null) {
                unread++;
                round.itemsSkipped.incrementAndGet();
                sends.countDown();
                continue;
            }
            List<String> keys = item.keys();
            publisher.sendAsync(article, (a, error) -> {
                try {
                    if (error == null) {
                        store.add(keys);
                        round.published.incrementAndGet();
                    } else {
                        failedSends.incrementAndGet();
                        round.failed(new FailedSend(a.id(), a.origin(), error));
                    }
                } finally {
                    sends.countDown();
                }
            });
        }
        sends.await();
        // only a response whose every item is out may be answered 304 next time
        if (unread == 0 && failedSends.get() == 0) store.validators(feedUrl, validators);
    }

    private boolean published(Feed.Item item) {
        return item.keys().stream().anyMatch(store::contains);
    }

    /** The item's article: its page's text, else the feed's summary; null (and a problem) when neither. */
    private SourceArticle article(Feed.Item item, Feed feed, String source, URI feedUri, Round round)
            throws InterruptedException {
        String where = item.link() != null ? item.link() : feedUri + " (item " + item.key() + ")";
        String language = item.language() != null ? item.language() : feed.language();
        String pageTrouble;
        URI page = pageUri(item.link(), feedUri);
        if (page == null) {
            pageTrouble = item.link() == null ? "the item has no link" : "the item's link is not an http(s) URL";
        } else {
            try {
                HttpFetcher.Response resp = http.get(page, HttpFetcher.Validators.NONE, pageLimit());
                String type = resp.contentType() == null ? "" : resp.contentType().toLowerCase(Locale.ROOT);
                if (!type.isEmpty() && !type.contains("html") && !type.contains("xml") && !type.startsWith("text/")) {
                    pageTrouble = "the page is not HTML (" + resp.contentType() + ")";
                } else {
                    Captured c = new Captured();
                    html.read(new Input(where, source, new ByteArrayInputStream(resp.body()), resp.body().length,
                            resp.charset()), options, c);
                    if (c.article != null) {
                        c.warnings.forEach(round::problem);
                        return withItem(c.article, item, page, language);
                    }
                    pageTrouble = c.trouble;
                }
            } catch (FeedException e) {
                pageTrouble = "page not fetched: " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                pageTrouble = "page not read: " + e;
            }
        }
        String text = HtmlReader.textOf(item.summary());
        if (text.isEmpty()) {
            round.problem(Problem.ofFile(where, Problem.Kind.UNREADABLE, pageTrouble + ", and the feed gives no summary"));
            return null;
        }
        RawArticle a = Articles.build(text, item.title(), page == null ? null : page.toString(), source, language,
                item.published(), options);
        Captured c = new Captured();
        if (!Articles.offer(a, where, 0, options, c)) {
            round.problem(c.problems.get(0));
            return null;
        }
        round.problem(Problem.ofFile(where, Problem.Kind.SUMMARY_ONLY, pageTrouble + "; published the feed's summary instead"));
        round.summaries.incrementAndGet();
        return c.article;
    }

    /** The page's article with what the feed knows filling the gaps: URL, title, date, language. */
    private SourceArticle withItem(SourceArticle s, Feed.Item item, URI page, String language) {
        RawArticle a = s.article();
        if (a.getUrl() == null) {
            a.setUrl(page.toString());
            a.setId(ArticleIds.of(a.getUrl(), a.getText()));
        }
        if (item.title() != null) a.setTitle(item.title()); // feed titles come without the " | Site" suffix
        if (a.getPublished() == null) a.setPublished(item.published());
        if (a.getLanguageHint() == null) a.setLanguageHint(language);
        return new SourceArticle(s.origin(), a, s.textBytes());
    }

    private long pageLimit() {
        return Math.max(8 * options.maxTextBytes(), 16L << 20);
    }

    private static URI pageUri(String link, URI feed) {
        if (link == null) return null;
        try {
            URI u = feed.resolve(link.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What the HTML reader made of a page: the article, warnings, or why there is none. */
    private static final class Captured implements ReadSink {
        SourceArticle article;
        final List<Problem> warnings = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        String trouble = "no article in the page";

        @Override
        public void article(SourceArticle a) {
            article = a;
        }

        @Override
        public void problem(Problem p) {
            problems.add(p);
            if (p.kind().skips()) trouble = "page skipped: " + p.message();
            else warnings.add(p);
        }
    }

    /** The counts of one round; written by feed threads and the producer's I/O thread. */
    private static final class Round {
        final ProgressListener listener;
        final AtomicInteger unchanged = new AtomicInteger();
        final AtomicInteger failedFeeds = new AtomicInteger();
        final AtomicInteger newItems = new AtomicInteger();
        final AtomicLong published = new AtomicLong();
        final AtomicInteger summaries = new AtomicInteger();
        final AtomicInteger itemsSkipped = new AtomicInteger();
        final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        final List<FailedSend> failed = Collections.synchronizedList(new ArrayList<>());

        Round(ProgressListener listener) {
            this.listener = listener;
        }

        void problem(Problem p) {
            problems.add(p);
            listener.problem(p);
        }

        void feedFailed(Problem p) {
            failedFeeds.incrementAndGet();
            problem(p);
        }

        void failed(FailedSend f) {
            failed.add(f);
        }

        FeedReport report(int feeds) {
            synchronized (problems) {
                synchronized (failed) {
                    return new FeedReport(feeds, unchanged.get(), failedFeeds.get(), newItems.get(), published.get(),
                            summaries.get(), itemsSkipped.get(), problems, failed);
                }
            }
        }
    }

    private static ProgressListener synchronizedListener(ProgressListener l) {
        return new ProgressListener() {
            @Override
            public synchronized void problem(Problem problem) {
                l.problem(problem);
            }

            @Override
            public synchronized void progress(org.coopwatch.producer.Progress progress) {
                l.progress(progress);
            }
        };
    }

    @Override
    public void close() {
        stop();
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final ArticlePublisher publisher;
        private final List<URI> feeds = new ArrayList<>();
        private Path dataDir;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration politeness = DEFAULT_POLITENESS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration backoff = Duration.ofSeconds(1);
        private Duration keep = DEFAULT_KEEP;
        private int retries = 2;
        private int threads = 4;
        private ReadOptions readOptions = ReadOptions.defaults();

        private Builder(ArticlePublisher publisher) {
            this.publisher = publisher;
        }

        /** Feed URLs ({@link FeedList#parse} checks each). */
        public Builder feeds(List<URI> urls) {
            feeds.addAll(urls);
            return this;
        }

        public Builder feed(String url) {
            feeds.add(FeedList.parse(url));
            return this;
        }

        /** The feeds listed in a file, one URL per line, {@code #} comments. */
        public Builder feedsFile(Path file) throws IOException {
            feeds.addAll(FeedList.read(file));
            return this;
        }

        /** Where what has been published is remembered, e.g. {@code <data dir>/feeds}. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder pollInterval(Duration d) {
            if (d == null || d.toMillis() < 1) throw new IllegalArgumentException("poll interval must be positive: " + d);
            this.pollInterval = d;
            return this;
        }

        /** The least time between two request starts to one host (default 2 s). */
        public Builder politeness(Duration d) {
            if (d == null || d.isNegative()) throw new IllegalArgumentException("politeness delay must be zero or more: " + d);
            this.politeness = d;
            return this;
        }

        /** Connect and response timeout of one request (default 30 s). */
        public Builder timeout(Duration d) {
            if (d == null || d.toMillis() < 1) throw new IllegalArgumentException("timeout must be positive: " + d);
            this.timeout = d;
            return this;
        }

        /** Further attempts after a timeout, refused connection, 429 or 5xx (default 2), and the first wait (doubling). */
        public Builder retries(int retries, Duration backoff) {
            if (retries < 0) throw new IllegalArgumentException("retries must be zero or more: " + retries);
            this.retries = retries;
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        /** How long published items are remembered (default 90 days; feeds list recent items only). */
        public Builder keep(Duration d) {
            this.keep = Objects.requireNonNull(d);
            return this;
        }

        /** Feeds fetched at the same time (default 4); politeness still holds per host. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** Text size limit and clock, as for files. */
        public Builder readOptions(ReadOptions o) {
            this.readOptions = Objects.requireNonNull(o);
            return this;
        }

        /**
         * @throws IOException              when the data directory cannot be used
         * @throws IllegalStateException    when another process uses the data directory
         * @throws IllegalArgumentException when there are no feeds
         */
        public FeedReader build() throws IOException {
            return new FeedReader(this);
        }
    }
}
