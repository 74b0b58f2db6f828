package org.coopwatch.streams.alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the spike store keeps per rule|pair: matching events counted in 5-minute buckets of event time
 * (sparse, only as far back as the last hour plus the baseline plus an hour for late events), and the
 * most recent events themselves (time, key, article) for de-duplication and for the alert's articles. The
 * key is story|type: the same article sent twice, or a wire story copied by twenty outlets, counts once.
 *
 * @param newest  the latest event time counted, or {@link Long#MIN_VALUE} when none
 * @param buckets bucket start (ms) → events in it
 * @param recent  events of the last two hours before {@code newest}, oldest first, at most {@link #MAX_RECENT}
 */
public record SpikeCounts(long newest, Map<Long, Long> buckets, List<Recent> recent) {

    public static final long BUCKET_MS = 5 * 60_000L;
    public static final long HOUR_MS = 3_600_000L;
    /** Buckets that make up "the last hour" of an event: its own and the eleven before. */
    public static final int WINDOW_BUCKETS = (int) (HOUR_MS / BUCKET_MS);
    public static final int MAX_RECENT = 200;

    /** One counted event. */
    public record Recent(long time, String key, String articleId) {}

    public SpikeCounts {
        buckets = new TreeMap<>(buckets);
        recent = List.copyOf(recent);
    }

    public static SpikeCounts none() {
        return new SpikeCounts(Long.MIN_VALUE, Map.of(), List.of());
    }

    public static long bucket(long t) {
        return Math.floorDiv(t, BUCKET_MS) * BUCKET_MS;
    }

    /** The first bucket of the last hour of {@code t}. */
    public static long windowStart(long t) {
        return bucket(t) - (WINDOW_BUCKETS - 1) * BUCKET_MS;
    }

    /** True when an event at {@code t} falls before what is kept for a baseline of {@code baselineMs}. */
    public boolean tooOld(long t, long baselineMs) {
        return newest != Long.MIN_VALUE && bucket(t) < horizon(newest, baselineMs);
    }

    public boolean seen(String key) {
        for (Recent r : recent) {
            if (r.key().equals(key)) return true;
        }
        return false;
    }

    /** With one event counted, and what is no longer needed for a baseline of {@code baselineMs} dropped. */
    public SpikeCounts add(long t, String key, String articleId, long baselineMs) {
        long top = Math.max(newest, t);
        TreeMap<Long, Long> b = new TreeMap<>(buckets);
        b.merge(bucket(t), 1L, Long::sum);
        b.headMap(horizon(top, baselineMs)).clear();
        List<Recent> r = new ArrayList<>(recent.size() + 1);
        int at = 0;
        for (Recent x : recent) {
            if (x.time() > t) break;
            at++;
        }
        r.addAll(recent.subList(0, at));
        r.add(new Recent(t, key, articleId));
        r.addAll(recent.subList(at, recent.size()));
        r.removeIf(x -> x.time() <= top - 2 * HOUR_MS);
        while (r.size() > MAX_RECENT) r.remove(0);
        return new SpikeCounts(top, b, r);
    }

    /** Events in buckets from {@code fromBucket} (inclusive) to {@code toBucket} (inclusive). */
    public long count(long fromBucket, long toBucket) {
        if (toBucket < fromBucket) return 0;
        long n = 0;
        for (long c : ((TreeMap<Long, Long>) buckets).subMap(fromBucket, true, toBucket, true).values()) n += c;
        return n;
    }

    /** Distinct articles of the recent events in the last hour of {@code t}, oldest first, at most {@code max}. */
    public List<String> articlesInWindow(long t, int max) {
        long from = windowStart(t);
        long to = bucket(t);
        Set<String> ids = new LinkedHashSet<>();
        for (Recent x : recent) {
            long b = bucket(x.time());
            if (b >= from && b <= to) ids.add(x.articleId());
        }
        List<String> all = new ArrayList<>(ids);
        return all.size() <= max ? all : all.subList(all.size() - max, all.size());
    }

    /** The oldest bucket kept: an hour of window, the baseline before it, and an hour for late events. */
    static long horizon(long newest, long baselineMs) {
        return windowStart(newest) - baselineMs - HOUR_MS;
    }
}
