package org.coopwatch.web.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.web.http.Json;

/**
 * The API's answers, computed from gathered cells: pure functions, so every instance computes the same
 * answer from the same cells.
 *
 * <p>Counting rules, from how the aggregates stage stores them: a cell counts distinct articles per
 * (pair, type, sector, window), and an event with several sectors is in several cells. So sums over
 * sectors would count such events more than once; where an answer spans sectors it unites article ids
 * instead, which is exact as long as no window tracked more articles than the stage's id limit
 * ({@code articlesExact} says whether that held).
 */
public final class Reports {

    private Reports() {}

    /** GET /api/pairs/{pair}: per window, the counts per (type, sector). */
    public static ObjectNode pairWindows(String pair, AggregateWindow window, TimeRange range, CellSource.Gathered g) {
        ObjectNode root = header(window, range, g);
        root.put("pair", pair);
        Map<Long, List<Cell>> byWindow = new TreeMap<>();
        for (Cell c : g.cells()) byWindow.computeIfAbsent(c.windowStart(), k -> new ArrayList<>()).add(c);
        ArrayNode windows = root.putArray("windows");
        for (List<Cell> cells : byWindow.values()) {
            cells.sort(Comparator.comparing(Cell::type).thenComparing(Cell::sector));
            Cell first = cells.get(0);
            ObjectNode w = windows.addObject();
            w.put("start", Instant.ofEpochMilli(first.windowStart()).toString());
            w.put("end", Instant.ofEpochMilli(first.windowEnd()).toString());
            Distinct all = new Distinct();
            Distinct coop = new Distinct();
            Distinct conf = new Distinct();
            ArrayNode counts = Json.array();
            for (Cell c : cells) {
                Boolean cooperative = cooperative(c.type());
                all.add(c);
                if (Boolean.TRUE.equals(cooperative)) coop.add(c);
                if (Boolean.FALSE.equals(cooperative)) conf.add(c);
                ObjectNode n = counts.addObject();
                n.put("type", c.type());
                n.put("sector", c.sector());
                if (cooperative == null) n.putNull("cooperative"); else n.put("cooperative", cooperative);
                n.put("count", c.count());
                n.put("balance", round(c.balance()));
            }
            w.put("articles", all.size());
            w.put("cooperativeArticles", coop.size());
            w.put("conflictualArticles", conf.size());
            w.put("articlesExact", all.exact);
            w.set("counts", counts);
        }
        return root;
    }

    /** GET /api/pairs/{pair}/sectors: per sector over the range. */
    public static ObjectNode pairSectors(String pair, AggregateWindow window, TimeRange range, CellSource.Gathered g) {
        ObjectNode root = header(window, range, g);
        root.put("pair", pair);
        Map<String, SectorTotal> bySector = new TreeMap<>();
        for (Cell c : g.cells()) bySector.computeIfAbsent(c.sector(), SectorTotal::new).add(c);
        List<SectorTotal> totals = new ArrayList<>(bySector.values());
        totals.sort(Comparator.comparingLong((SectorTotal t) -> -t.events).thenComparing(t -> t.sector));
        ArrayNode sectors = root.putArray("sectors");
        for (SectorTotal t : totals) {
            ObjectNode n = sectors.addObject();
            n.put("sector", t.sector);
            n.put("events", t.events);
            n.put("articles", t.articles.size());
            n.put("articlesExact", t.articles.exact);
            n.put("cooperative", t.cooperative);
            n.put("conflictual", t.conflictual);
            n.put("balance", round(t.balance));
            ObjectNode types = n.putObject("types");
            t.types.forEach(types::put);
        }
        return root;
    }

    /** GET /api/top-pairs: pairs ranked by events in the range. */
    public static ObjectNode topPairs(AggregateWindow window, TimeRange range, int limit, CellSource.Gathered g) {
        ObjectNode root = header(window, range, g);
        root.put("since", range.fromText());
        root.put("until", range.toText());
        root.put("limit", limit);
        Map<String, PairTotal> byPair = new TreeMap<>();
        for (Cell c : g.cells()) byPair.computeIfAbsent(c.pair(), PairTotal::new).add(c);
        List<PairTotal> ranked = new ArrayList<>();
        for (PairTotal p : byPair.values()) {
            p.finish();
            ranked.add(p);
        }
        ranked.sort(Comparator.comparingLong((PairTotal p) -> -p.events)
                .thenComparingLong(p -> -p.articles.size()).thenComparing(p -> p.pair));
        root.put("pairsInRange", ranked.size());
        ArrayNode pairs = root.putArray("pairs");
        for (PairTotal p : ranked.subList(0, Math.min(limit, ranked.size()))) {
            ObjectNode n = pairs.addObject();
            n.put("pair", p.pair);
            n.put("events", p.events);
            n.put("articles", p.articles.size());
            n.put("articlesExact", p.articles.exact && p.eventsExact);
            n.put("cooperative", p.cooperative);
            n.put("conflictual", p.conflictual);
            ObjectNode types = n.putObject("types");
            sortedByCount(p.types).forEach(types::put);
            ObjectNode sectors = n.putObject("sectors");
            sortedByCount(p.sectors).forEach(sectors::put);
        }
        return root;
    }

    private static ObjectNode header(AggregateWindow window, TimeRange range, CellSource.Gathered g) {
        ObjectNode root = Json.object();
        root.put("window", window.id());
        root.put("from", range.fromText());
        root.put("to", range.toText());
        root.put("scope", g.scope());
        ArrayNode instances = root.putArray("instances");
        g.instances().forEach(instances::add);
        return root;
    }

    /** Whether a PLOVER type is cooperative; null for a type the event model does not know. */
    static Boolean cooperative(String type) {
        try {
            return PloverType.valueOf(type).cooperative();
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Distinct article ids of some cells; inexact once a cell listed fewer ids than it counted. */
    private static final class Distinct {
        final Set<String> ids = new HashSet<>();
        boolean exact = true;
        long floor; // when inexact: at least this many (the largest single count seen)

        void add(Cell c) {
            ids.addAll(c.articleIds());
            if (!c.idsComplete()) exact = false;
            floor = Math.max(floor, c.count());
        }

        long size() {
            return Math.max(ids.size(), floor);
        }
    }

    private static final class SectorTotal {
        final String sector;
        long events;
        long cooperative;
        long conflictual;
        double balance;
        final Distinct articles = new Distinct();
        final Map<String, Long> types = new TreeMap<>();

        SectorTotal(String sector) {
            this.sector = sector;
        }

        void add(Cell c) {
            events += c.count();
            balance += c.balance();
            articles.add(c);
            types.merge(c.type(), c.count(), Long::sum);
            Boolean coop = cooperative(c.type());
            if (Boolean.TRUE.equals(coop)) cooperative += c.count();
            if (Boolean.FALSE.equals(coop)) conflictual += c.count();
        }
    }

    private static final class PairTotal {
        final String pair;
        final Distinct articles = new Distinct();
        /** (type, window start) → the articles with an event of that type in that window, over all sectors. */
        final Map<String, Distinct> eventsByTypeWindow = new TreeMap<>();
        final Map<String, Long> sectors = new TreeMap<>();
        final Map<String, Long> types = new TreeMap<>();
        long events;
        long cooperative;
        long conflictual;
        boolean eventsExact = true;

        PairTotal(String pair) {
            this.pair = pair;
        }

        void add(Cell c) {
            articles.add(c);
            eventsByTypeWindow.computeIfAbsent(c.type() + "|" + c.windowStart(), k -> new Distinct()).add(c);
            sectors.merge(c.sector(), c.count(), Long::sum);
        }

        /** An event is an (article, type) of the pair: its sectors' cells all hold the same article. */
        void finish() {
            for (Map.Entry<String, Distinct> e : eventsByTypeWindow.entrySet()) {
                String type = e.getKey().substring(0, e.getKey().indexOf('|'));
                long n = e.getValue().size();
                if (!e.getValue().exact) eventsExact = false;
                events += n;
                types.merge(type, n, Long::sum);
                Boolean coop = cooperative(type);
                if (Boolean.TRUE.equals(coop)) cooperative += n;
                if (Boolean.FALSE.equals(coop)) conflictual += n;
            }
        }
    }
}
