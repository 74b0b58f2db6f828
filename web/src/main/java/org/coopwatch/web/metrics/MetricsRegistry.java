package org.coopwatch.web.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small metrics registry: counters, gauges and histograms with labels, plus {@link Collector}s read at
 * scrape time, rendered in the Prometheus text format by {@link #scrape()}. Thread-safe; recording is
 * lock-free.
 */
public final class MetricsRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistry.class);

    /** The metrics made here, in creation order, then the registered collectors. */
    private final List<Collector> own = new CopyOnWriteArrayList<>();
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();
    private final Map<String, Object> names = new ConcurrentHashMap<>();

    /** Registers a collector; its families follow those of the metrics created here. */
    public MetricsRegistry register(Collector collector) {
        collectors.add(collector);
        return this;
    }

    public Counter counter(String name, String help, String... labelNames) {
        return claim(name, new Counter(name, help, labelNames));
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return claim(name, new Gauge(name, help, labelNames));
    }

    /** A gauge whose value is read at scrape time. */
    public void gauge(String name, String help, DoubleSupplier value) {
        Collector c = out -> out.add(new MetricFamily(name, help, MetricFamily.Type.GAUGE,
                List.of(Sample.of(name, value.getAsDouble()))));
        claim(name, c);
    }

    /** @param buckets upper bounds, ascending; {@code +Inf} is added */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return claim(name, new Histogram(name, help, buckets, labelNames));
    }

    private <T> T claim(String name, T metric) {
        PrometheusText.checkMetricName(name);
        if (names.putIfAbsent(name, metric) != null) {
            throw new IllegalArgumentException("metric " + name + " is already registered");
        }
        if (metric instanceof Collector c) own.add(c);
        return metric;
    }

    /** Every family, as collected now; a collector that fails is logged and skipped, not the scrape. */
    public List<MetricFamily> collect() {
        List<MetricFamily> out = new ArrayList<>();
        List<Collector> all = new ArrayList<>(own);
        all.addAll(collectors);
        for (Collector c : all) {
            int before = out.size();
            try {
                c.collect(out);
            } catch (RuntimeException e) {
                while (out.size() > before) out.remove(out.size() - 1);
                LOG.warn("A metrics collector failed ({}); its metrics are left out of this scrape", e.toString());
            }
        }
        return out;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return PrometheusText.write(collect());
    }

    /** Labels of one child: names from the metric, values given in the same order. */
    private static List<String> key(String metric, String[] labelNames, String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(metric + " has labels " + Arrays.toString(labelNames) + ", given "
                    + values.length + " values");
        }
        return List.of(Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new));
    }

    private static Map<String, String> labels(String[] names, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) m.put(names[i], values.get(i));
        return m;
    }

    private abstract static class Labeled<C> implements Collector {
        final String name;
        final String help;
        final String[] labelNames;
        final Map<List<String>, C> children = new ConcurrentHashMap<>();

        Labeled(String name, String help, String[] labelNames) {
            for (String l : labelNames) PrometheusText.checkLabelName(l);
            this.name = name;
            this.help = help;
            this.labelNames = labelNames.clone();
        }

        C child(String... values) {
            return children.computeIfAbsent(key(name, labelNames, values), k -> newChild());
        }

        abstract C newChild();
    }

    /** A monotonically increasing count; the name should end in {@code _total}. */
    public static final class Counter extends Labeled<LongAdder> {
        Counter(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        @Override
        LongAdder newChild() {
            return new LongAdder();
        }

        public void inc(String... labelValues) {
            child(labelValues).increment();
        }

        public void add(long n, String... labelValues) {
            if (n < 0) throw new IllegalArgumentException("a counter cannot go down: " + n);
            child(labelValues).add(n);
        }

        public long value(String... labelValues) {
            LongAdder a = children.get(key(name, labelNames, labelValues));
            return a == null ? 0 : a.sum();
        }

        @Override
        public void collect(List<MetricFamily> out) {
            List<Sample> samples = new ArrayList<>();
            if (labelNames.length == 0 && children.isEmpty()) samples.add(Sample.of(name, 0));
            children.forEach((k, v) -> samples.add(new Sample(name, labels(labelNames, k), v.sum())));
            out.add(new MetricFamily(name, help, MetricFamily.Type.COUNTER, samples));
        }
    }

    /** A value that goes up and down. */
    public static final class Gauge extends Labeled<AtomicLong> {
        Gauge(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        @Override
        AtomicLong newChild() {
            return new AtomicLong(Double.doubleToLongBits(0));
        }

        public void set(double value, String... labelValues) {
            child(labelValues).set(Double.doubleToLongBits(value));
        }

        public void inc(String... labelValues) {
            add(1, labelValues);
        }

        public void dec(String... labelValues) {
            add(-1, labelValues);
        }

        public void add(double delta, String... labelValues) {
            AtomicLong bits = child(labelValues);
            bits.accumulateAndGet(0, (old, ignored) -> Double.doubleToLongBits(Double.longBitsToDouble(old) + delta));
        }

        public double value(String... labelValues) {
            AtomicLong a = children.get(key(name, labelNames, labelValues));
            return a == null ? 0 : Double.longBitsToDouble(a.get());
        }

        @Override
        public void collect(List<MetricFamily> out) {
            List<Sample> samples = new ArrayList<>();
            if (labelNames.length == 0 && children.isEmpty()) samples.add(Sample.of(name, 0));
            children.forEach((k, v) -> samples.add(new Sample(name, labels(labelNames, k), Double.longBitsToDouble(v.get()))));
            out.add(new MetricFamily(name, help, MetricFamily.Type.GAUGE, samples));
        }
    }

    /** Observations counted into cumulative buckets, with their sum and count. */
    public static final class Histogram extends Labeled<Histogram.Buckets> {
        private final double[] bounds;

        Histogram(String name, String help, double[] bounds, String[] labelNames) {
            super(name, help, labelNames);
            for (String l : labelNames) {
                if (l.equals("le")) throw new IllegalArgumentException("'le' is the bucket label of histograms");
            }
            if (bounds.length == 0) throw new IllegalArgumentException("a histogram needs at least one bucket");
            for (int i = 1; i < bounds.length; i++) {
                if (!(bounds[i] > bounds[i - 1])) throw new IllegalArgumentException("buckets must ascend: " + Arrays.toString(bounds));
            }
            this.bounds = bounds.clone();
        }

        final class Buckets {
            final LongAdder[] counts = new LongAdder[bounds.length + 1];
            final DoubleAdder sum = new DoubleAdder();

            Buckets() {
                for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
            }
        }

        @Override
        Buckets newChild() {
            return new Buckets();
        }

        public void observe(double value, String... labelValues) {
            if (Double.isNaN(value)) return;
            Buckets b = child(labelValues);
            int i = 0;
            while (i < bounds.length && value > bounds[i]) i++;
            b.counts[i].increment();
            b.sum.add(value);
        }

        /** Observations so far (all buckets). */
        public long count(String... labelValues) {
            Buckets b = children.get(key(name, labelNames, labelValues));
            if (b == null) return 0;
            long n = 0;
            for (LongAdder c : b.counts) n += c.sum();
            return n;
        }

        @Override
        public void collect(List<MetricFamily> out) {
            List<Sample> samples = new ArrayList<>();
            Map<List<String>, Buckets> all = new LinkedHashMap<>(children);
            if (labelNames.length == 0 && all.isEmpty()) all.put(List.of(), new Buckets());
            all.forEach((k, b) -> {
                Map<String, String> base = labels(labelNames, k);
                long cumulative = 0;
                for (int i = 0; i <= bounds.length; i++) {
                    cumulative += b.counts[i].sum();
                    Map<String, String> l = new LinkedHashMap<>(base);
                    l.put("le", i < bounds.length ? PrometheusText.formatValue(bounds[i]) : "+Inf");
                    samples.add(new Sample(name + "_bucket", l, cumulative));
                }
                samples.add(new Sample(name + "_sum", base, b.sum.sum()));
                samples.add(new Sample(name + "_count", base, cumulative));
            });
            out.add(new MetricFamily(name, help, MetricFamily.Type.HISTOGRAM, samples));
        }
    }
}
