package org.coopwatch.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.sink.Sink;
import org.coopwatch.web.health.DlqWatcher;
import org.coopwatch.web.health.HealthApi;
import org.coopwatch.web.health.KafkaClientMetrics;
import org.coopwatch.web.health.LagMonitor;
import org.coopwatch.web.health.PipelineStage;
import org.coopwatch.web.http.HostCheck;
import org.coopwatch.web.http.Response;
import org.coopwatch.web.http.Router;
import org.coopwatch.web.http.StaticFiles;
import org.coopwatch.web.http.TokenAuth;
import org.coopwatch.web.live.LiveApi;
import org.coopwatch.web.live.LiveFeed;
import org.coopwatch.web.metrics.JvmCollector;
import org.coopwatch.web.metrics.MetricsRegistry;
import org.coopwatch.web.metrics.PrometheusText;
import org.coopwatch.web.metrics.SinkCollector;
import org.coopwatch.web.query.CellSource;
import org.coopwatch.web.query.ClusterCellSource;
import org.coopwatch.web.query.QueryApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server of a coopwatch process: the live operations view ({@code /}), the query API over the
 * aggregates stage's interactive queries ({@code /api/...}), the live feed as server-sent events, and
 * Prometheus metrics ({@code /metrics}). Plain JDK {@link HttpServer}, bound to 127.0.0.1:8080 by default.
 *
 * <p>Start it before the aggregates stage, because the stage must be told this server's address:
 * <pre>{@code
 * WebServer web = WebServer.builder()
 *         .port(8080)                                  // 0: any free port
 *         .token(tokenOrNull)                          // --web-token
 *         .kafka(bootstrapServers, clientProperties)   // for lag and the DLQ count
 *         .topics(topicNames)
 *         .build().start();
 * Properties aggProps = settings.forStage(Stage.AGGREGATES);
 * aggProps.put(StreamsConfig.APPLICATION_SERVER_CONFIG, web.applicationServer());
 * KafkaStreams aggregates = new KafkaStreams(topology, aggProps);
 * web.aggregates(aggregates);                          // the stores the API queries
 * web.addStage("aggregates", settings.applicationId(Stage.AGGREGATES), aggregates);   // and each other stage
 * sink.addListener(web.liveFeed());
 * web.sink(sink);
 * System.out.println("Live view: " + web.url());
 * ...
 * web.close();
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    private final Builder config;
    private final MetricsRegistry metrics;
    private final LiveFeed feed;
    private final TokenAuth auth;
    private final List<PipelineStage> stages = new CopyOnWriteArrayList<>();
    private volatile KafkaStreams aggregates;
    private volatile Sink sink;
    private volatile CellSource cellSource;

    private HttpServer server;
    private ThreadPoolExecutor executor;
    private ScheduledExecutorService scheduler;
    private LagMonitor lag;
    private DlqWatcher dlq;
    private String advertisedHost;
    private boolean closed;

    private WebServer(Builder b) {
        this.config = b;
        this.metrics = b.metrics != null ? b.metrics : new MetricsRegistry();
        this.feed = new LiveFeed(b.feedCapacity, LiveFeed.DEFAULT_MAX_SUBSCRIBERS, b.clock, metrics);
        this.auth = new TokenAuth(b.token);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the address and starts serving, watching lag and the DLQ when a Kafka address was given. */
    public synchronized WebServer start() {
        if (server != null) return this;
        if (closed) throw new IllegalStateException("a closed web server cannot start again");
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.host);
        } catch (UnknownHostException e) {
            throw new WebServerException("cannot bind the web server to '" + config.host + "': unknown host", e);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(bind, config.port), 64);
        } catch (BindException e) {
            throw new WebServerException("cannot listen on " + config.host + ":" + config.port + " (" + e.getMessage()
                    + "): another program may use that port; choose another one (0 picks a free port)", e);
        } catch (IOException e) {
            throw new WebServerException("cannot start the web server on " + config.host + ":" + config.port + ": " + e, e);
        }
        advertisedHost = config.advertisedHost != null ? config.advertisedHost
                : bind.isAnyLocalAddress() ? localHostName() : hostForUrl(bind, config.host);
        HostInfo self = new HostInfo(advertisedHost, port());

        if (config.bootstrapServers != null) {
            lag = new LagMonitor(config.bootstrapServers, config.clientProperties, this::watchedGroups,
                    Duration.ofSeconds(10), config.clock);
            dlq = new DlqWatcher(config.topics.dlq(), config.bootstrapServers, config.clientProperties).start();
            metrics.register(lag).register(dlq);
        }
        metrics.register(new JvmCollector())
                .register(new KafkaClientMetrics(() -> List.copyOf(stages)))
                .register(new SinkCollector(() -> sink));

        cellSource = config.cellSource != null ? config.cellSource
                : new ClusterCellSource(() -> aggregates, self, auth, config.queryTimeout);
        Router router = new Router(bind.isLoopbackAddress() ? HostCheck.loopback(advertisedHost) : HostCheck.any(), auth, metrics);
        StaticFiles files = new StaticFiles();
        router.getPublic("/", "page", r -> files.get(""));
        router.getPublic("/(index\\.html|app\\.js|app\\.css|favicon\\.svg)", "static", r -> files.get(r.pathParam(0)));
        router.get("/metrics", "metrics", r -> Response.text(200, PrometheusText.CONTENT_TYPE, metrics.scrape()));
        new QueryApi(cellSource, () -> aggregates, applicationServer(), config.clock, config.hourlyRetention).routes(router);
        new LiveApi(feed, config.heartbeat.toMillis()).routes(router);
        new HealthApi(() -> List.copyOf(stages), () -> sink, lag, dlq, feed, config.clock).routes(router);

        executor = new ThreadPoolExecutor(2, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads("coopwatch-web"));
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        scheduler = Executors.newScheduledThreadPool(2, daemonThreads("coopwatch-web-background"));
        scheduler.scheduleWithFixedDelay(guarded(feed::flushAggregates), 1, 1, TimeUnit.SECONDS);
        if (lag != null) {
            scheduler.scheduleWithFixedDelay(guarded(lag::refresh), 0, config.healthInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Web server listening on {} (API, live view and /metrics{})", url(), auth.enabled() ? "; access token required" : "");
        return this;
    }

    private static Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("Web server background task failed: {}", e.toString());
            }
        };
    }

    private Collection<String> watchedGroups() {
        Set<String> g = new LinkedHashSet<>();
        for (PipelineStage s : stages) g.add(s.applicationId());
        Sink k = sink;
        if (k != null) g.add(k.config().groupId());
        return g;
    }

    /** The port listened on (the actual one when 0 was asked for). */
    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    /** The address to open in a browser, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        requireStarted();
        return "http://" + advertisedHost + ":" + port() + "/";
    }

    /**
     * {@code host:port} to set as the aggregates stage's {@code application.server}: other instances
     * reach this one there to query its share of the stores.
     */
    public String applicationServer() {
        requireStarted();
        return advertisedHost + ":" + port();
    }

    /** The alerts and events feed; add it to the sink as a listener. */
    public LiveFeed liveFeed() {
        return feed;
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** The aggregates stage whose stores the query API reads (null to detach). */
    public WebServer aggregates(KafkaStreams streams) {
        this.aggregates = streams;
        return this;
    }

    /** A stage to show on the health panel and in {@code /metrics}; its group's lag is watched. */
    public WebServer addStage(String name, String applicationId, KafkaStreams streams) {
        stages.add(new PipelineStage(name, applicationId, streams));
        return this;
    }

    /** The sink, for its counters and its group's lag (add {@link #liveFeed()} to it as a listener too). */
    public WebServer sink(Sink sink) {
        this.sink = sink;
        return this;
    }

    private void requireStarted() {
        if (server == null) throw new IllegalStateException("the web server is not started");
    }

    /** Ends live streams, stops serving (waiting up to a second for requests in flight) and the watchers. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        feed.close();
        if (server != null) server.stop(1);
        if (scheduler != null) scheduler.shutdownNow();
        if (executor != null) executor.shutdownNow();
        if (dlq != null) dlq.close();
        if (lag != null) lag.close();
        LOG.info("Web server stopped");
    }

    private static String hostForUrl(InetAddress bound, String given) {
        if (bound instanceof Inet6Address) return "[" + bound.getHostAddress().replaceAll("%.*$", "") + "]";
        return bound.getHostAddress().equals(given) || !given.matches("[A-Za-z0-9.-]+") ? bound.getHostAddress() : given;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of a {@link WebServer}; every one has a default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String advertisedHost;
        private String token;
        private String bootstrapServers;
        private Map<String, ?> clientProperties = Map.of();
        private TopicNames topics = TopicNames.DEFAULTS;
        private MetricsRegistry metrics;
        private Clock clock = Clock.systemUTC();
        private Duration hourlyRetention = Duration.ofDays(7);
        private Duration healthInterval = Duration.ofSeconds(5);
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration queryTimeout = Duration.ofSeconds(10);
        private int feedCapacity = LiveFeed.DEFAULT_CAPACITY;
        private CellSource cellSource;

        private Builder() {}

        /** Address to bind; default 127.0.0.1 (this machine only). 0.0.0.0 serves every interface: set a token. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Default 8080; 0 picks a free port (see {@link WebServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535: " + port);
            this.port = port;
            return this;
        }

        /** The host other instances and browsers use to reach this one; default the bound address. */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Access token required by the API, the stream and /metrics; null or blank for none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Kafka address and client properties (security etc.), for consumer lag and the DLQ count. */
        public Builder kafka(String bootstrapServers, Map<String, ?> clientProperties) {
            this.bootstrapServers = bootstrapServers;
            this.clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
            return this;
        }

        public Builder topics(TopicNames topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /** A registry to share with other components; default a new one. */
        public Builder metrics(MetricsRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long the aggregates stage keeps hourly windows (its AggregateOptions); default 7 days. */
        public Builder hourlyRetention(Duration retention) {
            this.hourlyRetention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** How often consumer lag is read; default 5 s. */
        public Builder healthInterval(Duration interval) {
            this.healthInterval = positive(interval, "health interval");
            return this;
        }

        /** How often an idle event stream gets a heartbeat; default 15 s. */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = positive(heartbeat, "heartbeat");
            return this;
        }

        /** How long to wait for another instance's share of a query; default 10 s. */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = positive(timeout, "query timeout");
            return this;
        }

        /** Alerts, and events, kept for the live view; default 200 each. */
        public Builder feedCapacity(int capacity) {
            if (capacity < 1) throw new IllegalArgumentException("feed capacity must be positive: " + capacity);
            this.feedCapacity = capacity;
            return this;
        }

        /** Where the query API reads cells; default the aggregates stage's stores across all its instances. */
        public Builder cellSource(CellSource source) {
            this.cellSource = source;
            return this;
        }

        public WebServer build() {
            return new WebServer(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive: " + d);
            return d;
        }
    }
}
