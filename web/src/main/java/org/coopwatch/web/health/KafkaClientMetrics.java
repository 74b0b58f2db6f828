package org.coopwatch.web.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.coopwatch.web.metrics.Collector;
import org.coopwatch.web.metrics.MetricFamily;
import org.coopwatch.web.metrics.PrometheusText;
import org.coopwatch.web.metrics.Sample;

/**
 * The Kafka Streams applications' own metrics ({@code KafkaStreams.metrics()}: streams, consumers,
 * producers), exported as {@code kafka_<group>_<name>} with the metric's tags as labels plus
 * {@code stage}. Only groups an operator reads are exported (thread and task processing, fetch lag,
 * send rates, rebalances), to keep a scrape readable. Also per stage: the state, records in (processed)
 * and records out (sent to non-internal topics), which the health panel shows too.
 */
public final class KafkaClientMetrics implements Collector {

    static final Set<String> GROUPS = Set.of("stream-metrics", "stream-thread-metrics", "stream-task-metrics",
            "consumer-fetch-manager-metrics", "consumer-coordinator-metrics", "producer-metrics", "producer-topic-metrics");

    private final Supplier<List<PipelineStage>> stages;

    public KafkaClientMetrics(Supplier<List<PipelineStage>> stages) {
        this.stages = stages;
    }

    /** Records a stage's threads processed, and records its producers sent to topics other than internal ones. */
    public record Throughput(double in, double out, Map<String, Double> outByTopic) {}

    public static Throughput throughput(KafkaStreams streams) {
        double in = 0;
        double out = 0;
        Map<String, Double> byTopic = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (!(e.getValue().metricValue() instanceof Number v) || !Double.isFinite(v.doubleValue())) continue;
            if (n.group().equals("stream-thread-metrics") && n.name().equals("process-total")) {
                in += v.doubleValue();
            } else if (n.group().equals("producer-topic-metrics") && n.name().equals("record-send-total")) {
                String topic = n.tags().getOrDefault("topic", "");
                if (!topic.endsWith("-changelog") && !topic.endsWith("-repartition")) {
                    out += v.doubleValue();
                    byTopic.merge(topic, v.doubleValue(), Double::sum);
                }
            }
        }
        return new Throughput(in, out, byTopic);
    }

    @Override
    public void collect(List<MetricFamily> out) {
        List<PipelineStage> all = stages.get();
        List<Sample> state = new ArrayList<>();
        List<Sample> in = new ArrayList<>();
        List<Sample> sent = new ArrayList<>();
        Map<String, List<Sample>> families = new TreeMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, MetricFamily.Type> types = new LinkedHashMap<>();
        for (PipelineStage s : all) {
            KafkaStreams.State current = s.streams().state();
            for (KafkaStreams.State st : KafkaStreams.State.values()) {
                state.add(new Sample("coopwatch_stage_state", Map.of("stage", s.name(), "state", st.name()), st == current ? 1 : 0));
            }
            Throughput t = throughput(s.streams());
            in.add(new Sample("coopwatch_stage_records_in_total", Map.of("stage", s.name()), t.in()));
            t.outByTopic().forEach((topic, v) -> sent.add(new Sample("coopwatch_stage_records_out_total",
                    Map.of("stage", s.name(), "topic", topic), v)));
            for (Map.Entry<MetricName, ? extends Metric> e : s.streams().metrics().entrySet()) {
                MetricName n = e.getKey();
                if (!GROUPS.contains(n.group())) continue;
                if (!(e.getValue().metricValue() instanceof Number v)) continue;
                String name = "kafka_" + PrometheusText.sanitize(n.group().replace("-metrics", "")) + "_"
                        + PrometheusText.sanitize(n.name());
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("stage", s.name());
                new TreeMap<>(n.tags()).forEach((k, val) -> labels.put(PrometheusText.sanitize(k), val));
                labels.remove("le"); // reserved for histogram buckets
                families.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(name, labels, v.doubleValue()));
                helps.putIfAbsent(name, n.description().isBlank() ? n.group() + " " + n.name() : n.description());
                types.putIfAbsent(name, n.name().endsWith("-total") ? MetricFamily.Type.COUNTER : MetricFamily.Type.GAUGE);
            }
        }
        out.add(new MetricFamily("coopwatch_stage_state", "1 for the current state of each Kafka Streams stage.",
                MetricFamily.Type.GAUGE, state));
        out.add(new MetricFamily("coopwatch_stage_records_in_total", "Records a stage's stream threads processed.",
                MetricFamily.Type.COUNTER, in));
        out.add(new MetricFamily("coopwatch_stage_records_out_total",
                "Records a stage sent to output topics (the DLQ included; changelogs and repartition topics not).",
                MetricFamily.Type.COUNTER, sent));
        families.forEach((name, samples) -> out.add(new MetricFamily(name, helps.get(name), types.get(name), samples)));
    }
}
