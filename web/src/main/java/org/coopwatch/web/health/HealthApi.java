package org.coopwatch.web.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkStats;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.http.Response;
import org.coopwatch.web.http.Router;
import org.coopwatch.web.live.LiveFeed;

/**
 * {@code GET /api/health}: the pipeline at a glance, as the live view's health panel shows it: each
 * stage's state, records in and out, and its group's lag; the sink's counters and lag; the DLQ's count
 * and latest reasons. {@code status} is "ok" unless a stage is not running or the sink stopped on a
 * failure ("degraded"); the HTTP status is 200 either way, so the panel can show why.
 */
public final class HealthApi {

    private final Supplier<List<PipelineStage>> stages;
    private final Supplier<Sink> sink;
    private final LagMonitor lag;
    private final DlqWatcher dlq;
    private final LiveFeed feed;
    private final Clock clock;

    /** @param lag and @param dlq may be null when no Kafka address was given to the web server */
    public HealthApi(Supplier<List<PipelineStage>> stages, Supplier<Sink> sink, LagMonitor lag, DlqWatcher dlq,
                     LiveFeed feed, Clock clock) {
        this.stages = stages;
        this.sink = sink;
        this.lag = lag;
        this.dlq = dlq;
        this.feed = feed;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.get("/api/health", "health", r -> Response.json(report()));
    }

    public ObjectNode report() {
        ObjectNode root = Json.object();
        root.put("time", Instant.now(clock).toString());
        boolean healthy = true;
        Map<String, LagMonitor.GroupLag> lags = lag == null ? Map.of() : lag.snapshot();
        ArrayNode st = root.putArray("stages");
        for (PipelineStage s : stages.get()) {
            KafkaStreams.State state = s.streams().state();
            if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) healthy = false;
            KafkaClientMetrics.Throughput t = KafkaClientMetrics.throughput(s.streams());
            ObjectNode n = st.addObject();
            n.put("stage", s.name());
            n.put("applicationId", s.applicationId());
            n.put("state", state.name());
            n.put("recordsIn", (long) t.in());
            n.put("recordsOut", (long) t.out());
            putLag(n, lags.get(s.applicationId()));
        }
        Sink k = sink.get();
        if (k != null) {
            SinkStats.Snapshot s = k.stats().snapshot();
            ObjectNode n = root.putObject("sink");
            n.put("group", k.config().groupId());
            n.put("events", s.events());
            n.put("alerts", s.alerts());
            n.put("aggregates", s.aggregates());
            n.put("undecodable", s.undecodable());
            n.put("deadLettered", s.deadLettered());
            n.put("databaseRetries", s.databaseRetries());
            k.failure().ifPresent(f -> n.put("failure", f.getMessage()));
            if (k.failure().isPresent()) healthy = false;
            putLag(n, lags.get(k.config().groupId()));
        }
        ObjectNode d = root.putObject("dlq");
        if (dlq == null) {
            d.putNull("topic");
            d.put("error", "not watched: the web server was given no Kafka address");
        } else {
            d.put("topic", dlq.topic());
            d.put("records", dlq.count());
            ObjectNode by = d.putObject("bySource");
            dlq.bySource().forEach(by::put);
            d.set("recent", Json.MAPPER.valueToTree(dlq.recent()));
            if (dlq.error() != null) d.put("error", dlq.error());
        }
        ObjectNode live = root.putObject("live");
        live.put("alerts", feed.received("alert"));
        live.put("events", feed.received("event"));
        live.put("aggregates", feed.received("aggregate"));
        live.put("clients", feed.subscriberCount());
        root.put("status", healthy ? "ok" : "degraded");
        return root;
    }

    private static void putLag(ObjectNode n, LagMonitor.GroupLag g) {
        if (g == null) {
            n.putNull("lag");
        } else if (g.total() < 0) {
            n.putNull("lag");
            n.put("lagError", g.error());
        } else {
            n.put("lag", g.total());
        }
    }
}
