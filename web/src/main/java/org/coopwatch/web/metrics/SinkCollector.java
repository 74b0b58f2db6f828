package org.coopwatch.web.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.coopwatch.sink.Sink;
import org.coopwatch.sink.SinkStats;

/** The sink's counters ({@link SinkStats}) as Prometheus counters, and whether it is still up. */
public final class SinkCollector implements Collector {

    private final Supplier<Sink> sink;

    public SinkCollector(Supplier<Sink> sink) {
        this.sink = sink;
    }

    @Override
    public void collect(List<MetricFamily> out) {
        Sink k = sink.get();
        if (k == null) return;
        SinkStats.Snapshot s = k.stats().snapshot();
        out.add(new MetricFamily("coopwatch_sink_records_total",
                "Records the sink stored (redeliveries included), by kind.", MetricFamily.Type.COUNTER, List.of(
                new Sample("coopwatch_sink_records_total", Map.of("kind", "event"), s.events()),
                new Sample("coopwatch_sink_records_total", Map.of("kind", "alert"), s.alerts()),
                new Sample("coopwatch_sink_records_total", Map.of("kind", "aggregate"), s.aggregates()))));
        out.add(counter("coopwatch_sink_batches_total", "Batches the sink wrote in one database transaction each.", s.batches()));
        out.add(counter("coopwatch_sink_undecodable_total", "Records the sink could not decode.", s.undecodable()));
        out.add(counter("coopwatch_sink_dead_lettered_total", "Records the sink copied to the DLQ.", s.deadLettered()));
        out.add(counter("coopwatch_sink_database_retries_total", "Batches retried while the database was unavailable.",
                s.databaseRetries()));
        out.add(new MetricFamily("coopwatch_sink_up", "1 while the sink has not stopped on a failure.",
                MetricFamily.Type.GAUGE, List.of(Sample.of("coopwatch_sink_up", k.failure().isPresent() ? 0 : 1))));
    }

    private static MetricFamily counter(String name, String help, long value) {
        return new MetricFamily(name, help, MetricFamily.Type.COUNTER, List.of(Sample.of(name, value)));
    }
}
