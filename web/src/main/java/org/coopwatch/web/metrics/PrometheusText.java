package org.coopwatch.web.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format, version 0.0.4: {@code # HELP}, {@code # TYPE}, then one line per
 * sample, {@code name{label="value",...} value}. Families of the same name from several collectors are
 * merged into one block, as the format requires.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PrometheusText() {}

    static void checkMetricName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
    }

    static void checkLabelName(String name) {
        if (name == null || !LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a Prometheus label name: " + name);
        }
    }

    /** Any text as a metric or label name: invalid characters become '_', a leading digit gets '_' before it. */
    public static String sanitize(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            sb.append(ok ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        String s = sb.toString();
        while (s.startsWith("__")) s = s.substring(1); // "__" prefixes are reserved for Prometheus itself
        return s;
    }

    public static String write(List<MetricFamily> families) {
        Map<String, MetricFamily> merged = new LinkedHashMap<>();
        for (MetricFamily f : families) {
            MetricFamily known = merged.get(f.name());
            if (known == null) {
                merged.put(f.name(), f);
            } else {
                List<Sample> all = new ArrayList<>(known.samples());
                all.addAll(f.samples());
                merged.put(f.name(), new MetricFamily(known.name(), known.help(), known.type(), all));
            }
        }
        StringBuilder out = new StringBuilder(8192);
        for (MetricFamily f : merged.values()) {
            out.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
            for (Sample s : f.samples()) {
                out.append(s.name());
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        if (!first) out.append(',');
                        first = false;
                        out.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(formatValue(s.value())).append('\n');
            }
        }
        return out.toString();
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    public static String formatValue(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Double.POSITIVE_INFINITY) return "+Inf";
        if (v == Double.NEGATIVE_INFINITY) return "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
