package org.coopwatch.web.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.IndexedRecord;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.sink.SinkListener;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.metrics.MetricsRegistry;

/**
 * The live view's feed: a {@link SinkListener} that keeps the most recent alerts and events (bounded)
 * and pushes each new one to the subscribed SSE clients.
 *
 * <p>The sink delivers at-least-once, so an id already seen (within the last {@code 20 x capacity}) is
 * dropped. Every item gets a sequence number, sent as the SSE event id: a client that reconnects with
 * {@code Last-Event-ID} is sent what it missed, as far as the buffer reaches. Aggregate updates are not
 * sent one by one (there are many); the pairs they touched are sent at most once per
 * {@link #flushAggregates()} so views can refresh their charts.
 *
 * <p>It also feeds the latency histograms: publication (or ingestion, for undated articles) to alert
 * creation (news latency), ingestion to alert creation (the pipeline's latency), and alert creation to
 * arrival here.
 */
public final class LiveFeed implements SinkListener, AutoCloseable {

    public static final int DEFAULT_CAPACITY = 200;
    public static final int DEFAULT_MAX_SUBSCRIBERS = 32;
    private static final double[] PUBLISH_TO_ALERT_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 10800,
            21600, 43200, 86400, 172800, 604800};
    private static final double[] INGEST_TO_ALERT_BUCKETS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600};
    private static final double[] ALERT_TO_VIEW_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300};

    private final int capacity;
    private final int maxSubscribers;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<FeedItem> alerts = new ArrayDeque<>();
    private final ArrayDeque<FeedItem> events = new ArrayDeque<>();
    private final Map<String, Boolean> seen;
    private final Set<Subscription> subscribers = new LinkedHashSet<>();
    private final Set<String> changedPairs = new TreeSet<>();
    private long seq;
    /** Distinguishes this feed's event ids from a previous run's, whose numbers restarted. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private final MetricsRegistry.Counter received;
    private final MetricsRegistry.Counter duplicates;
    private final MetricsRegistry.Counter dropped;
    private final MetricsRegistry.Histogram publishToAlert;
    private final MetricsRegistry.Histogram ingestToAlert;
    private final MetricsRegistry.Histogram alertToView;

    /**
     * @param capacity       alerts kept, and events kept, for new and reconnecting clients
     * @param maxSubscribers SSE clients served at once; more are refused (503) rather than starve the server
     */
    public LiveFeed(int capacity, int maxSubscribers, Clock clock, MetricsRegistry metrics) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.capacity = capacity;
        this.maxSubscribers = maxSubscribers;
        this.clock = clock;
        int remembered = capacity * 20;
        this.seen = new LinkedHashMap<>(remembered, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        };
        this.received = metrics.counter("coopwatch_live_records_total",
                "Records the live view received from the sink (after dropping replays), by kind.", "kind");
        this.duplicates = metrics.counter("coopwatch_live_replayed_records_total",
                "Records the sink delivered again (at-least-once) and the live view dropped, by kind.", "kind");
        this.dropped = metrics.counter("coopwatch_live_slow_clients_total",
                "Live-view clients cut off because they fell a whole queue behind (they reconnect and catch up).");
        this.publishToAlert = metrics.histogram("coopwatch_publish_to_alert_seconds",
                "From an article's publication time (its ingestion time when undated) to the alert's creation.",
                PUBLISH_TO_ALERT_BUCKETS);
        this.ingestToAlert = metrics.histogram("coopwatch_ingest_to_alert_seconds",
                "From an article's entry into the pipeline (its record timestamp on articles.raw) to the alert's "
                        + "creation: the pipeline's own latency (alerts written before v2 of the schema are not counted).",
                INGEST_TO_ALERT_BUCKETS);
        this.alertToView = metrics.histogram("coopwatch_alert_to_view_seconds",
                "From an alert's creation to its arrival at the live view (after the sink stored it).",
                ALERT_TO_VIEW_BUCKETS);
        metrics.gauge("coopwatch_live_clients", "Live-view clients connected to the event stream.", this::subscriberCount);
    }

    @Override
    public void onAlert(Alert alert) {
        long now = clock.millis();
        FeedItem item = add("alert", alert.getAlertId(), alert.getPair(), alert, alerts, now);
        if (item == null) return;
        Instant created = alert.getCreated();
        if (created != null) {
            if (alert.getEventTime() != null) {
                publishToAlert.observe(Math.max(0, created.toEpochMilli() - alert.getEventTime().toEpochMilli()) / 1000.0);
            }
            if (alert.getIngested() != null) {
                ingestToAlert.observe(Math.max(0, created.toEpochMilli() - alert.getIngested().toEpochMilli()) / 1000.0);
            }
            alertToView.observe(Math.max(0, now - created.toEpochMilli()) / 1000.0);
        }
    }

    @Override
    public void onEvent(CooperationEvent event) {
        add("event", event.getEventId(), event.getPair(), event, events, clock.millis());
    }

    @Override
    public void onAggregate(Aggregate aggregate) {
        received.inc("aggregate");
        synchronized (lock) {
            changedPairs.add(aggregate.getPair());
        }
    }

    private FeedItem add(String kind, String id, String pair, IndexedRecord record, ArrayDeque<FeedItem> buffer, long now) {
        String key = kind + "|" + id;
        ObjectNode json = RecordJson.of(record);
        synchronized (lock) {
            if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                duplicates.inc(kind);
                return null;
            }
            long n = ++seq;
            ObjectNode wrapped = Json.object();
            wrapped.put("seq", n);
            wrapped.put("kind", kind);
            wrapped.put("receivedAt", Instant.ofEpochMilli(now).toString());
            wrapped.setAll(json);
            FeedItem item = new FeedItem(n, kind, id, pair, now, Json.write(wrapped));
            buffer.addLast(item);
            if (buffer.size() > capacity) buffer.removeFirst();
            broadcast(SseFrames.frame(eventId(n), kind, item.json()));
            received.inc(kind);
            return item;
        }
    }

    /** Sends the pairs whose aggregates changed since the last call, if any; the web server calls it every second. */
    public void flushAggregates() {
        synchronized (lock) {
            if (changedPairs.isEmpty()) return;
            ObjectNode data = Json.object();
            var pairs = data.putArray("pairs");
            changedPairs.forEach(pairs::add);
            changedPairs.clear();
            broadcast(SseFrames.frame(null, "aggregates", Json.write(data)));
        }
    }

    private void broadcast(String frame) {
        for (Iterator<Subscription> it = subscribers.iterator(); it.hasNext(); ) {
            Subscription s = it.next();
            if (!s.offer(frame)) {
                it.remove();
                s.end(true);
                dropped.inc();
            }
        }
    }

    /** The SSE id of an item: {@code <run>-<seq>}. */
    public String eventId(long seq) {
        return run + "-" + seq;
    }

    /** The sequence number of an id this feed sent, or null for none, a malformed one or one of a previous run. */
    Long seqOf(String eventId) {
        if (eventId == null || !eventId.startsWith(run + "-")) return null;
        try {
            return Long.parseLong(eventId.substring(run.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A new client's subscription, first filled with what it has not seen: everything buffered after
     * {@code lastEventId} (the SSE {@code Last-Event-ID}), or the whole buffer for a new client, or one
     * whose id is from before a restart (clients drop items they already show, by record id). Null when
     * too many clients are connected.
     */
    public Subscription subscribe(String lastEventIdText) {
        synchronized (lock) {
            if (subscribers.size() >= maxSubscribers) return null;
            Long lastEventId = seqOf(lastEventIdText);
            Subscription s = new Subscription(this, 2 * capacity + 1000);
            List<FeedItem> backlog = new ArrayList<>();
            for (FeedItem i : alerts) if (lastEventId == null || i.seq() > lastEventId) backlog.add(i);
            for (FeedItem i : events) if (lastEventId == null || i.seq() > lastEventId) backlog.add(i);
            backlog.sort(Comparator.comparingLong(FeedItem::seq));
            for (FeedItem i : backlog) s.offer(SseFrames.frame(eventId(i.seq()), i.kind(), i.json()));
            subscribers.add(s);
            return s;
        }
    }

    void unsubscribe(Subscription s) {
        synchronized (lock) {
            subscribers.remove(s);
        }
    }

    /** The most recent alerts, newest first. */
    public List<FeedItem> recentAlerts(int limit) {
        return recent(alerts, limit);
    }

    /** The most recent events, newest first. */
    public List<FeedItem> recentEvents(int limit) {
        return recent(events, limit);
    }

    private List<FeedItem> recent(ArrayDeque<FeedItem> buffer, int limit) {
        synchronized (lock) {
            List<FeedItem> out = new ArrayList<>(Math.min(limit, buffer.size()));
            for (Iterator<FeedItem> it = buffer.descendingIterator(); it.hasNext() && out.size() < limit; ) out.add(it.next());
            return out;
        }
    }

    public int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    /** Received alerts, events and aggregates so far (replays not counted). */
    public long received(String kind) {
        return received.value(kind);
    }

    public int capacity() {
        return capacity;
    }

    /** Ends every subscription (their streams finish what is queued and close). */
    @Override
    public void close() {
        synchronized (lock) {
            for (Subscription s : subscribers) s.end(false);
            subscribers.clear();
        }
    }
}
