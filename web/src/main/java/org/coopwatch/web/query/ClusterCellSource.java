package org.coopwatch.web.query;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.streams.topology.AggregatesTopology;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.http.TokenAuth;
import org.coopwatch.web.http.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scatter-gather over every instance of the aggregates stage. The stores are keyed by
 * {@code pair|type|sector}, so one pair's cells are spread over several partitions and thus instances:
 * no single instance owns a pair. So each query
 * <ol>
 *   <li>reads from the stage's metadata which instance hosts which partition of the store (the
 *       partitions of the repartition topic that feeds it; each instance's address is its
 *       {@code application.server});</li>
 *   <li>checks that every partition is hosted exactly once (else the assignment is moving: 503, retry);</li>
 *   <li>reads its own partitions locally, and asks every other instance for exactly its partitions over
 *       HTTP ({@code /internal/cells?partitions=...}), in parallel; an instance that no longer hosts a
 *       partition it is asked for refuses rather than answer partially;</li>
 *   <li>concatenates the answers: partitions are disjoint, so nothing is counted twice.</li>
 * </ol>
 * Any instance can thus answer any query with the same result. Only active stores are read (no stale
 * standbys), and a failed gather is retried twice after re-reading the metadata.
 */
public final class ClusterCellSource implements CellSource {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCellSource.class);
    /** The store's partitions are those of the repartition topic {@code <application.id>-<name>-repartition}. */
    static final String SOURCE_TOPIC_SUFFIX = "-" + AggregatesTopology.REPARTITION + "-repartition";
    private static final int ATTEMPTS = 3;

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final TokenAuth auth;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicBoolean warnedLocalOnly = new AtomicBoolean();

    /**
     * @param streams the aggregates stage running in this process (may return null until it is attached)
     * @param self    this instance's address, as given to the stage as {@code application.server}
     */
    public ClusterCellSource(Supplier<KafkaStreams> streams, HostInfo self, TokenAuth auth, Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.auth = auth;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Gathered gather(AggregateWindow window, String pair, TimeRange range) {
        Unavailable last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return gatherOnce(window, pair, range);
            } catch (Unavailable e) {
                last = e;
                if (attempt < ATTEMPTS) {
                    LOG.debug("Query attempt {} failed ({}); retrying", attempt, e.getMessage());
                    try {
                        Thread.sleep(200L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
        throw last;
    }

    private Gathered gatherOnce(AggregateWindow window, String pair, TimeRange range) {
        KafkaStreams ks = running();
        Collection<StreamsMetadata> metadata = ks.streamsMetadataForStore(window.storeName());
        if (metadata.isEmpty()) {
            // no application.server: the group does not share addresses, so only local data is reachable
            if (warnedLocalOnly.compareAndSet(false, true)) {
                LOG.warn("The aggregates stage has no application.server (or no assignment yet): the query API answers "
                        + "from this instance's partitions only. Set application.server={} on it.", hostPort(self));
            }
            return new Gathered(readLocal(ks, window, pair, range, null), List.of(hostPort(self)), "local");
        }
        Map<HostInfo, List<Integer>> plan = plan(metadata);
        List<Cell> cells = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        Map<HostInfo, CompletableFuture<HttpResponse<String>>> remote = new HashMap<>();
        for (Map.Entry<HostInfo, List<Integer>> e : plan.entrySet()) {
            if (!e.getKey().equals(self)) remote.put(e.getKey(), ask(e.getKey(), window, pair, range, e.getValue()));
        }
        List<Integer> mine = plan.get(self);
        if (mine != null) {
            cells.addAll(readLocal(ks, window, pair, range, mine));
            instances.add(hostPort(self));
        }
        for (Map.Entry<HostInfo, CompletableFuture<HttpResponse<String>>> e : remote.entrySet()) {
            cells.addAll(answerOf(e.getKey(), e.getValue()));
            instances.add(hostPort(e.getKey()));
        }
        instances.sort(null);
        return new Gathered(cells, instances, "cluster");
    }

    private KafkaStreams running() {
        KafkaStreams ks = streams.get();
        if (ks == null) throw new Unavailable("the aggregates stage does not run in this process, so its stores cannot be queried here");
        KafkaStreams.State state = ks.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new Unavailable("the aggregates stage is " + state + ", not running; its stores cannot be queried now");
        }
        return ks;
    }

    /** Which instance to ask for which partitions; every partition exactly once, or the assignment is moving. */
    static Map<HostInfo, List<Integer>> plan(Collection<StreamsMetadata> metadata) {
        Map<HostInfo, List<Integer>> plan = new TreeMap<>((a, b) -> hostPort(a).compareTo(hostPort(b)));
        Map<Integer, HostInfo> owner = new HashMap<>();
        for (StreamsMetadata m : metadata) {
            List<Integer> parts = new ArrayList<>();
            for (TopicPartition tp : m.topicPartitions()) {
                if (!tp.topic().endsWith(SOURCE_TOPIC_SUFFIX)) continue;
                HostInfo other = owner.putIfAbsent(tp.partition(), m.hostInfo());
                if (other != null && !other.equals(m.hostInfo())) {
                    throw new Unavailable("partition " + tp.partition() + " of the aggregates is claimed by both "
                            + hostPort(other) + " and " + hostPort(m.hostInfo()) + " (rebalancing); try again shortly");
                }
                parts.add(tp.partition());
            }
            if (!parts.isEmpty()) {
                parts.sort(null);
                plan.put(m.hostInfo(), parts);
            }
        }
        if (owner.isEmpty()) throw new Unavailable("no instance hosts the aggregates stores yet (starting or rebalancing)");
        TreeSet<Integer> seen = new TreeSet<>(owner.keySet());
        for (int p = 0; p <= seen.last(); p++) {
            if (!seen.contains(p)) {
                throw new Unavailable("partition " + p + " of the aggregates is not assigned to any instance right now "
                        + "(rebalancing); try again shortly");
            }
        }
        return plan;
    }

    /**
     * This instance's cells from the given partitions, or from all local ones when {@code partitions} is
     * null. A partition not active here is refused (503), never skipped.
     */
    public static List<Cell> readLocal(KafkaStreams ks, AggregateWindow window, String pair, TimeRange range,
                                       Collection<Integer> partitions) {
        List<Cell> out = new ArrayList<>();
        try {
            if (partitions == null) {
                out.addAll(StoreReader.read(store(ks, window, null), window, pair, range));
            } else {
                for (int p : partitions) out.addAll(StoreReader.read(store(ks, window, p), window, pair, range));
            }
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("the " + window.id() + " aggregates store is not available here right now ("
                    + e.getMessage() + "); try again shortly");
        }
        return out;
    }

    private static ReadOnlyWindowStore<String, Aggregate> store(KafkaStreams ks, AggregateWindow window, Integer partition) {
        StoreQueryParameters<ReadOnlyWindowStore<String, Aggregate>> q =
                StoreQueryParameters.fromNameAndType(window.storeName(), QueryableStoreTypes.windowStore());
        return ks.store(partition == null ? q : q.withPartition(partition));
    }

    private CompletableFuture<HttpResponse<String>> ask(HostInfo host, AggregateWindow window, String pair,
                                                        TimeRange range, List<Integer> partitions) {
        StringBuilder url = new StringBuilder("http://").append(hostPort(host)).append("/internal/cells?window=")
                .append(window.id()).append("&from=").append(range.from()).append("&to=").append(range.to())
                .append("&partitions=").append(partitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
        if (pair != null) url.append("&pair=").append(URLEncoder.encode(pair, StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (auth.enabled()) req.header("Authorization", auth.bearer());
        return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private List<Cell> answerOf(HostInfo host, CompletableFuture<HttpResponse<String>> future) {
        HttpResponse<String> response;
        try {
            response = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for " + hostPort(host));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new Unavailable("instance " + hostPort(host) + " (which holds part of the aggregates) did not answer: " + cause);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("instance " + hostPort(host) + " answered " + response.statusCode() + ": "
                    + errorOf(response.body()));
        }
        try {
            InternalAnswer a = Json.MAPPER.readValue(response.body(), new TypeReference<InternalAnswer>() {});
            return a.cells() == null ? List.of() : a.cells();
        } catch (IOException e) {
            throw new Unavailable("instance " + hostPort(host) + " sent an unreadable answer: " + e.getMessage());
        }
    }

    private static String errorOf(String body) {
        try {
            var node = Json.MAPPER.readTree(body);
            if (node.hasNonNull("error")) return node.get("error").asText();
        } catch (IOException ignored) {
            // not JSON: show the start of it
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    public static String hostPort(HostInfo h) {
        return h.host() + ":" + h.port();
    }

    /** The body of {@code /internal/cells}. */
    public record InternalAnswer(String instance, List<Cell> cells) {}
}
