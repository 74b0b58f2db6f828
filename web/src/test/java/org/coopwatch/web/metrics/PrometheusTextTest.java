package org.coopwatch.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public class PrometheusTextTest {

    /** A sample line of the text format: name, optional labels with escaped values, a float value. */
    static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})? "
                    + "(NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?(e[+-]?[0-9]+)?)");

    public static void assertWellFormed(String text) {
        assertThat(text).endsWith("\n");
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                family = line.split(" ")[2];
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                assertThat(line.split(" ")[2]).isEqualTo(family);
                assertThat(line.split(" ")[3]).isIn("counter", "gauge", "histogram", "summary", "untyped");
                continue;
            }
            assertThat(line).as("sample line").matches(SAMPLE);
            assertThat(line).as("sample belongs to the family above it").startsWith(family);
        }
    }

    @Test
    void countersGaugesAndHistogramsRenderInTheTextFormat() {
        MetricsRegistry r = new MetricsRegistry();
        MetricsRegistry.Counter c = r.counter("coopwatch_things_total", "Things counted.", "kind");
        c.inc("a");
        c.add(2, "a");
        c.inc("b");
        MetricsRegistry.Gauge g = r.gauge("coopwatch_level", "A level.");
        g.set(2.5);
        MetricsRegistry.Histogram h = r.histogram("coopwatch_latency_seconds", "Latency.", new double[] {0.125, 1, 10});
        h.observe(0.0625);
        h.observe(0.125);  // on the bound: belongs to le="0.125"
        h.observe(5);
        h.observe(100);

        String text = r.scrape();

        assertWellFormed(text);
        assertThat(text).contains("# HELP coopwatch_things_total Things counted.\n# TYPE coopwatch_things_total counter\n");
        assertThat(text).contains("coopwatch_things_total{kind=\"a\"} 3\n", "coopwatch_things_total{kind=\"b\"} 1\n");
        assertThat(text).contains("# TYPE coopwatch_level gauge\ncoopwatch_level 2.5\n");
        assertThat(text).contains("# TYPE coopwatch_latency_seconds histogram\n"
                + "coopwatch_latency_seconds_bucket{le=\"0.125\"} 2\n"
                + "coopwatch_latency_seconds_bucket{le=\"1\"} 2\n"
                + "coopwatch_latency_seconds_bucket{le=\"10\"} 3\n"
                + "coopwatch_latency_seconds_bucket{le=\"+Inf\"} 4\n"
                + "coopwatch_latency_seconds_sum 105.1875\n"
                + "coopwatch_latency_seconds_count 4\n");
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        String text = PrometheusText.write(List.of(new MetricFamily("m", "line one\nback\\slash", MetricFamily.Type.GAUGE,
                List.of(new Sample("m", Map.of("topic", "a\"b\\c\nd"), 1)))));
        assertThat(text).isEqualTo("# HELP m line one\\nback\\\\slash\n# TYPE m gauge\nm{topic=\"a\\\"b\\\\c\\nd\"} 1\n");
        assertWellFormed(text);
    }

    @Test
    void familiesOfOneNameFromSeveralCollectorsAreMergedIntoOneBlock() {
        MetricsRegistry r = new MetricsRegistry();
        r.register(out -> out.add(new MetricFamily("kafka_x", "x", MetricFamily.Type.GAUGE,
                List.of(new Sample("kafka_x", Map.of("stage", "enrich"), 1)))));
        r.register(out -> out.add(new MetricFamily("kafka_x", "x", MetricFamily.Type.GAUGE,
                List.of(new Sample("kafka_x", Map.of("stage", "events"), 2)))));
        String text = r.scrape();
        assertThat(text).isEqualTo("# HELP kafka_x x\n# TYPE kafka_x gauge\nkafka_x{stage=\"enrich\"} 1\nkafka_x{stage=\"events\"} 2\n");
    }

    @Test
    void aFailingCollectorIsLeftOutNotTheScrape() {
        MetricsRegistry r = new MetricsRegistry();
        r.gauge("ok_value", "fine", () -> 7);
        r.register(out -> {
            out.add(new MetricFamily("half_done", "h", MetricFamily.Type.GAUGE, List.of(Sample.of("half_done", 1))));
            throw new IllegalStateException("broken");
        });
        String text = r.scrape();
        assertThat(text).contains("ok_value 7\n").doesNotContain("half_done");
    }

    @Test
    void valuesAndNames() {
        assertThat(PrometheusText.formatValue(3)).isEqualTo("3");
        assertThat(PrometheusText.formatValue(0.25)).isEqualTo("0.25");
        assertThat(PrometheusText.formatValue(1e-4)).isEqualTo("1.0e-4");
        assertThat(PrometheusText.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.sanitize("records-lag-max")).isEqualTo("records_lag_max");
        assertThat(PrometheusText.sanitize("9lives")).isEqualTo("_9lives");
        assertThat(PrometheusText.sanitize("__reserved")).isEqualTo("_reserved");
        assertThatThrownBy(() -> Sample.of("bad-name", 1)).isInstanceOf(IllegalArgumentException.class);
        MetricsRegistry r = new MetricsRegistry();
        r.counter("dup_total", "a");
        assertThatThrownBy(() -> r.counter("dup_total", "b")).hasMessageContaining("already registered");
        assertThatThrownBy(() -> r.counter("c_total", "c").add(-1)).hasMessageContaining("cannot go down");
    }

    @Test
    void jvmMetricsAreExportedUnderTheUsualNames() {
        MetricsRegistry r = new MetricsRegistry().register(new JvmCollector());
        String text = r.scrape();
        assertWellFormed(text);
        assertThat(text).containsPattern("jvm_memory_bytes_used\\{area=\"heap\"} [0-9]+\n")
                .containsPattern("jvm_threads_current [1-9][0-9]*\n")
                .contains("# TYPE jvm_gc_collection_seconds summary\n")
                .contains("process_start_time_seconds ");
    }
}
