package org.coopwatch.app.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when consumer groups have caught up: for every partition a group reads, the committed offset
 * equals the last stable offset (the end as a {@code read_committed} reader sees it, past transaction
 * markers). {@code run --once} uses it to stop when everything it produced has reached the sink.
 *
 * <p>A Kafka Streams application's group also reads its own repartition topics
 * ({@code <application.id>-...-repartition}); they are included even before the group has committed
 * anything there, so records in flight between two sub-topologies count as lag. Committed offsets are
 * read with {@code requireStable}, so offsets of a transaction still open are not taken for done.
 */
public final class LagWatcher {

    /** The lag of every group, and the end offsets it was measured against (to tell "still moving"). */
    public record Snapshot(Map<String, Long> lagByGroup, long endOffsetSum) {
        public long totalLag() {
            return lagByGroup.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Admin admin;
    private final Duration timeout;
    private final Map<String, Set<String>> groups;

    /**
     * @param groups each consumer group with the topics it must have consumed; partitions the group has
     *               committed offsets for (such as Kafka Streams' repartition topics) are added automatically
     */
    public LagWatcher(Admin admin, Duration timeout, Map<String, ? extends Collection<String>> groups) {
        this.admin = admin;
        this.timeout = timeout;
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        groups.forEach((g, topics) -> copy.put(g, Set.copyOf(topics)));
        this.groups = Map.copyOf(copy);
    }

    /** Measures every group's lag once. */
    public Snapshot snapshot() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        Set<String> allTopics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (Map.Entry<String, Set<String>> group : groups.entrySet()) {
            Map<TopicPartition, Long> offsets = committedOffsets(group.getKey());
            Set<String> topics = new java.util.TreeSet<>(group.getValue());
            for (String t : allTopics) {
                if (t.startsWith(group.getKey() + "-") && t.endsWith("-repartition")) {
                    topics.add(t);
                }
            }
            for (TopicPartition tp : partitionsOf(topics)) {
                offsets.putIfAbsent(tp, 0L); // nothing committed yet: everything is still to be read
            }
            committed.put(group.getKey(), offsets);
            offsets.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> lag = new TreeMap<>();
        long endSum = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            endSum += e.getValue().offset();
        }
        committed.forEach((group, offsets) -> {
            long total = 0;
            for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                ListOffsetsResult.ListOffsetsResultInfo end = ends.get(e.getKey());
                if (end != null) {
                    total += Math.max(0, end.offset() - e.getValue());
                }
            }
            lag.put(group, total);
        });
        return new Snapshot(lag, endSum);
    }

    /**
     * Waits until every group has lag 0 on {@code stableChecks} consecutive measurements with unchanged end
     * offsets (so a stage that is about to write more is not mistaken for done). Gives up, returning false,
     * once {@code keepWaiting} says so.
     *
     * @param progress called with each measurement, e.g. to show how much is left
     */
    public boolean awaitDrained(Duration interval, int stableChecks, BooleanSupplier keepWaiting,
                                java.util.function.Consumer<Snapshot> progress) throws InterruptedException {
        int stable = 0;
        long lastEnds = -1;
        while (keepWaiting.getAsBoolean()) {
            try {
                Snapshot s = snapshot();
                progress.accept(s);
                stable = s.totalLag() == 0 && s.endOffsetSum() == lastEnds ? stable + 1 : 0;
                lastEnds = s.endOffsetSum();
                if (stable >= stableChecks) {
                    return true;
                }
            } catch (ExecutionException | TimeoutException e) {
                stable = 0; // the broker is busy or briefly away: measure again
            }
            Thread.sleep(interval.toMillis());
        }
        return false;
    }

    private Map<TopicPartition, Long> committedOffsets(String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    private Set<TopicPartition> partitionsOf(Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return Set.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }
}
