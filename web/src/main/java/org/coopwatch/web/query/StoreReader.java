package org.coopwatch.web.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.coopwatch.avro.Aggregate;

/**
 * Reads cells from one aggregates window store (a local partition, or all local partitions). Keys are
 * {@code pair|type|sector}, so one pair is the key range from {@code pair|} to {@code pair|~}: types are
 * upper-case letters, which sort before '~'.
 */
public final class StoreReader {

    private StoreReader() {}

    /**
     * @param pair  a normalised pair, or null for every pair
     * @param range windows overlapping it are read
     */
    public static List<Cell> read(ReadOnlyWindowStore<String, Aggregate> store, AggregateWindow window, String pair,
                                  TimeRange range) {
        Instant first = Instant.ofEpochMilli(range.firstWindowStart(window.sizeMillis()));
        Instant last = Instant.ofEpochMilli(range.lastWindowStart());
        List<Cell> out = new ArrayList<>();
        String prefix = pair == null ? null : pair + "|";
        try (KeyValueIterator<Windowed<String>, Aggregate> it = pair == null
                ? store.fetchAll(first, last)
                : store.fetch(prefix, pair + "|~", first, last)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Aggregate> kv = it.next();
                if (kv.value == null) continue;
                if (prefix != null && !kv.key.key().startsWith(prefix)) continue; // the byte range is a superset
                out.add(Cell.of(kv.key, kv.value));
            }
        }
        return out;
    }
}
