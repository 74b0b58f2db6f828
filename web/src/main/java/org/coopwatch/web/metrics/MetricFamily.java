package org.coopwatch.web.metrics;

import java.util.List;

/**
 * One Prometheus metric family: a name, its help text and type, and its samples. A histogram's samples
 * carry the suffixed names ({@code _bucket}, {@code _sum}, {@code _count}).
 */
public record MetricFamily(String name, String help, Type type, List<Sample> samples) {

    public enum Type {
        COUNTER("counter"), GAUGE("gauge"), HISTOGRAM("histogram"), SUMMARY("summary"), UNTYPED("untyped");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public MetricFamily {
        PrometheusText.checkMetricName(name);
        samples = List.copyOf(samples);
    }
}
