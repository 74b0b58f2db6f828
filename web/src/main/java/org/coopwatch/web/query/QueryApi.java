package org.coopwatch.web.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.streams.aggregate.Aggregates;
import org.coopwatch.web.http.HttpError;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.http.Request;
import org.coopwatch.web.http.Response;
import org.coopwatch.web.http.Router;
import org.coopwatch.web.http.Unavailable;

/** The query API's routes over a {@link CellSource}, and the internal route other instances call. */
public final class QueryApi {

    public static final int DEFAULT_TOP_LIMIT = 20;
    public static final int MAX_TOP_LIMIT = 500;
    public static final Duration DEFAULT_TOP_SINCE = Duration.ofDays(7);

    private final CellSource cells;
    private final Supplier<KafkaStreams> streams;
    private final String self;
    private final Clock clock;
    private final Duration hourlyRetention;

    /**
     * @param streams         the local aggregates stage, for {@code /internal/cells} (may supply null)
     * @param self            this instance's {@code host:port}, named in internal answers
     * @param hourlyRetention how long hourly windows are kept; top-pairs uses them for ranges within it
     */
    public QueryApi(CellSource cells, Supplier<KafkaStreams> streams, String self, Clock clock, Duration hourlyRetention) {
        this.cells = cells;
        this.streams = streams;
        this.self = self;
        this.clock = clock;
        this.hourlyRetention = hourlyRetention;
    }

    public void routes(Router router) {
        router.get("/api/pairs/([^/]+)", "pair", this::pair);
        router.get("/api/pairs/([^/]+)/sectors", "pair-sectors", this::sectors);
        router.get("/api/top-pairs", "top-pairs", this::topPairs);
        router.get("/api/meta", "meta", r -> Response.json(meta()));
        router.get("/internal/cells", "internal-cells", this::internalCells);
    }

    Response pair(Request r) {
        String pair = Pairs.normalize(r.pathParam(0));
        AggregateWindow window = AggregateWindow.parse(r.param("window"), AggregateWindow.DAILY);
        TimeRange range = TimeRange.of(firstOf(r, "from", "since"), firstOf(r, "to", "until"), clock);
        return Response.json(Reports.pairWindows(pair, window, range, cells.gather(window, pair, range)));
    }

    Response sectors(Request r) {
        String pair = Pairs.normalize(r.pathParam(0));
        AggregateWindow window = AggregateWindow.parse(r.param("window"), AggregateWindow.DAILY);
        TimeRange range = TimeRange.of(firstOf(r, "from", "since"), firstOf(r, "to", "until"), clock);
        return Response.json(Reports.pairSectors(pair, window, range, cells.gather(window, pair, range)));
    }

    Response topPairs(Request r) {
        long since = r.param("since") == null
                ? clock.instant().minus(DEFAULT_TOP_SINCE).toEpochMilli()
                : TimeRange.parse("since", r.param("since"), clock);
        TimeRange range = new TimeRange(since, firstOf(r, "until", "to") == null ? Long.MAX_VALUE
                : TimeRange.parse("until", firstOf(r, "until", "to"), clock));
        // hourly windows follow 'since' closely but are kept only so long; daily ones are kept longer
        boolean hourlyKeepsRange = since >= clock.millis() - hourlyRetention.minusHours(1).toMillis();
        AggregateWindow window = AggregateWindow.parse(r.param("window"),
                hourlyKeepsRange ? AggregateWindow.HOURLY : AggregateWindow.DAILY);
        int limit = r.intParam("limit", DEFAULT_TOP_LIMIT, 1, MAX_TOP_LIMIT);
        return Response.json(Reports.topPairs(window, range, limit, cells.gather(window, null, range)));
    }

    /** This instance's cells of the requested partitions (all pairs, or one); asked by other instances. */
    Response internalCells(Request r) {
        KafkaStreams ks = streams.get();
        if (ks == null) throw new Unavailable("the aggregates stage does not run on " + self);
        AggregateWindow window = AggregateWindow.parse(r.param("window"), AggregateWindow.DAILY);
        String pair = r.param("pair") == null ? null : Pairs.normalize(r.param("pair"));
        TimeRange range = new TimeRange(longParam(r, "from", Long.MIN_VALUE), longParam(r, "to", Long.MAX_VALUE));
        List<Integer> partitions = null;
        if (r.param("partitions") != null) {
            partitions = new ArrayList<>();
            for (String p : r.param("partitions").split(",")) {
                try {
                    partitions.add(Integer.parseInt(p.trim()));
                } catch (NumberFormatException e) {
                    throw HttpError.badRequest("partitions must be a comma-separated list of numbers: " + r.param("partitions"));
                }
            }
        }
        List<Cell> local = ClusterCellSource.readLocal(ks, window, pair, range, partitions);
        return Response.json(new ClusterCellSource.InternalAnswer(self, local));
    }

    /** The event model's vocabulary, for clients that lay out tables (the live view's heat map). */
    static ObjectNode meta() {
        ObjectNode root = Json.object();
        ArrayNode types = root.putArray("types");
        for (PloverType t : PloverType.values()) {
            types.addObject().put("type", t.name()).put("cooperative", t.cooperative());
        }
        ArrayNode sectors = root.putArray("sectors");
        for (Sector s : Sector.values()) sectors.add(s.id());
        sectors.add(Aggregates.NO_SECTOR);
        ArrayNode windows = root.putArray("windows");
        for (AggregateWindow w : AggregateWindow.values()) windows.add(w.id());
        return root;
    }

    private static String firstOf(Request r, String a, String b) {
        return r.param(a) != null ? r.param(a) : r.param(b);
    }

    private static long longParam(Request r, String name, long fallback) {
        String v = r.param(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be epoch milliseconds, not '" + v + "'");
        }
    }
}
