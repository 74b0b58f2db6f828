package org.coopwatch.web.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sample line: a (possibly suffixed) metric name, its labels in order, and its value. */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        PrometheusText.checkMetricName(name);
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            PrometheusText.checkLabelName(k);
            copy.put(k, v == null ? "" : v);
        });
        labels = Collections.unmodifiableMap(copy);
    }

    public static Sample of(String name, double value) {
        return new Sample(name, Map.of(), value);
    }
}
