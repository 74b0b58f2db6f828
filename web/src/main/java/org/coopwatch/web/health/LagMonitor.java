package org.coopwatch.web.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.coopwatch.web.metrics.Collector;
import org.coopwatch.web.metrics.MetricFamily;
import org.coopwatch.web.metrics.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of the pipeline's consumer groups (the stages' application ids, the sink's group), read
 * with the admin client: per partition, the last stable offset (read_committed, since the stages write
 * transactionally) minus the group's committed offset. {@link #refresh()} runs on the health thread;
 * scrapes and the health panel read the last snapshot.
 */
public final class LagMonitor implements Collector, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    /** One group's lag at one moment; {@code error} set when it could not be read. */
    public record GroupLag(String group, long total, Map<TopicPartition, Long> partitions, String error, long at) {}

    private final Map<String, Object> adminProps;
    private final Supplier<Collection<String>> groups;
    private final Duration timeout;
    private final Clock clock;
    private volatile Map<String, GroupLag> last = Map.of();
    private Admin admin;

    public LagMonitor(String bootstrapServers, Map<String, ?> clientProps, Supplier<Collection<String>> groups,
                      Duration timeout, Clock clock) {
        Map<String, Object> p = ClientProps.only(clientProps, AdminClientConfig.configNames());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "coopwatch-web-lag");
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.adminProps = p;
        this.groups = groups;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Map<String, GroupLag> snapshot() {
        return last;
    }

    /** Reads every group's committed offsets and the partitions' end offsets once. */
    public void refresh() {
        Collection<String> wanted = groups.get();
        if (wanted.isEmpty()) {
            last = Map.of();
            return;
        }
        long now = clock.millis();
        Map<String, GroupLag> next = new TreeMap<>();
        try {
            if (admin == null) admin = Admin.create(adminProps);
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            for (String g : wanted) specs.put(g, new ListConsumerGroupOffsetsSpec());
            var result = admin.listConsumerGroupOffsets(specs);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Set<TopicPartition> all = new HashSet<>();
            for (String g : wanted) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> offsets =
                            result.partitionsToOffsetAndMetadata(g).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
                    offsets.forEach((tp, o) -> {
                        if (o != null) present.put(tp, o);
                    });
                    committed.put(g, present);
                    all.addAll(present.keySet());
                } catch (ExecutionException e) {
                    next.put(g, new GroupLag(g, -1, Map.of(), String.valueOf(e.getCause()), now));
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            if (!all.isEmpty()) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicPartition tp : all) latest.put(tp, OffsetSpec.latest());
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                info.forEach((tp, i) -> ends.put(tp, i.offset()));
            }
            committed.forEach((g, offsets) -> {
                Map<TopicPartition, Long> lags = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                        ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
                long total = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    Long end = ends.get(e.getKey());
                    if (end == null) continue;
                    long lag = Math.max(0, end - e.getValue().offset());
                    lags.put(e.getKey(), lag);
                    total += lag;
                }
                next.put(g, new GroupLag(g, offsets.isEmpty() ? -1 : total, lags,
                        offsets.isEmpty() ? "no committed offsets yet" : null, now));
            });
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            String why = e instanceof ExecutionException && e.getCause() != null ? e.getCause().toString() : e.toString();
            LOG.debug("Cannot read consumer lag: {}", why);
            for (String g : wanted) next.putIfAbsent(g, new GroupLag(g, -1, Map.of(), why, now));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        last = Map.copyOf(next);
    }

    @Override
    public void collect(List<MetricFamily> out) {
        List<Sample> perPartition = new ArrayList<>();
        List<Sample> perGroup = new ArrayList<>();
        List<Sample> known = new ArrayList<>();
        for (GroupLag g : last.values()) {
            known.add(new Sample("coopwatch_consumer_lag_known", Map.of("group", g.group()), g.total() >= 0 ? 1 : 0));
            if (g.total() < 0) continue;
            perGroup.add(new Sample("coopwatch_consumer_group_lag", Map.of("group", g.group()), g.total()));
            g.partitions().forEach((tp, lag) -> perPartition.add(new Sample("coopwatch_consumer_lag",
                    orderedLabels(g.group(), tp), lag)));
        }
        out.add(new MetricFamily("coopwatch_consumer_group_lag",
                "Records a consumer group has yet to read (sum over partitions, read_committed end offsets).",
                MetricFamily.Type.GAUGE, perGroup));
        out.add(new MetricFamily("coopwatch_consumer_lag", "Records a consumer group has yet to read in one partition.",
                MetricFamily.Type.GAUGE, perPartition));
        out.add(new MetricFamily("coopwatch_consumer_lag_known",
                "1 when the group's lag could be read at the last check, else 0.", MetricFamily.Type.GAUGE, known));
    }

    private static Map<String, String> orderedLabels(String group, TopicPartition tp) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("group", group);
        l.put("topic", tp.topic());
        l.put("partition", Integer.toString(tp.partition()));
        return l;
    }

    @Override
    public void close() {
        if (admin != null) admin.close(Duration.ofSeconds(5));
    }
}
