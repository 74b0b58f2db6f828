package org.coopwatch.web.query;

import java.util.List;
import org.apache.kafka.streams.kstream.Windowed;
import org.coopwatch.avro.Aggregate;

/**
 * One stored aggregate: a (pair, type, sector) in one window. {@code count} is the number of distinct
 * articles with such an event in the window (an article counts once per sector its event has);
 * {@code articleIds} are those articles, up to the stage's tracking limit.
 */
public record Cell(String pair, String type, String sector, long windowStart, long windowEnd, long count,
                   double balance, List<String> articleIds) {

    public Cell {
        articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
    }

    /** From a store entry; the window of the key is authoritative for the bounds. */
    public static Cell of(Windowed<String> key, Aggregate a) {
        return new Cell(a.getPair(), a.getType(), a.getSector(), key.window().start(), key.window().end(),
                a.getCount(), a.getBalance(), a.getArticleIds().stream().map(Object::toString).toList());
    }

    /** True when every article counted here is also listed (the tracking limit was not reached). */
    public boolean idsComplete() {
        return articleIds.size() >= count;
    }
}
