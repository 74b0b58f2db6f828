package org.coopwatch.web.query;

import java.util.List;

/** Where the API gets its cells from: the whole cluster of aggregates instances, or a test's store. */
public interface CellSource {

    /**
     * Every cell of the pair (or of all pairs when {@code pair} is null) in windows overlapping the range,
     * each exactly once across all instances.
     *
     * @throws org.coopwatch.web.http.Unavailable when part of the data cannot be read right now
     */
    Gathered gather(AggregateWindow window, String pair, TimeRange range);

    /**
     * @param cells     the cells, in no particular order
     * @param instances the instances that answered, {@code host:port}
     * @param scope     "cluster" when every partition of the store was read; "local" when the stage has no
     *                  {@code application.server} and only this instance's partitions could be read
     */
    record Gathered(List<Cell> cells, List<String> instances, String scope) {}
}
