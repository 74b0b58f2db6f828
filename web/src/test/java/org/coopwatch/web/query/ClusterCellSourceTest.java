package org.coopwatch.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.coopwatch.web.http.Unavailable;
import org.junit.jupiter.api.Test;

/** Which instance is asked for which partition: every partition of the store exactly once, or a 503. */
class ClusterCellSourceTest {

    static final String REPARTITION = "coopwatch-aggregates-aggregates-by-pair-type-sector-repartition";
    static final HostInfo A = new HostInfo("127.0.0.1", 8080);
    static final HostInfo B = new HostInfo("127.0.0.1", 8081);

    static StreamsMetadata host(HostInfo h, int... repartitionPartitions) {
        Set<TopicPartition> tps = new java.util.HashSet<>();
        for (int p : repartitionPartitions) tps.add(new TopicPartition(REPARTITION, p));
        // the source partitions of the other sub-topology are not the store's
        tps.add(new TopicPartition("events.cooperation", 5));
        return new StreamsMetadataImpl(h, Set.of("aggregates-daily-store"), tps, Set.of(), Set.of());
    }

    @Test
    void eachInstanceIsAskedForTheStorePartitionsItHosts() {
        Map<HostInfo, List<Integer>> plan = ClusterCellSource.plan(List.of(host(A, 2, 0), host(B, 1)));
        assertThat(plan).containsOnlyKeys(A, B);
        assertThat(plan.get(A)).containsExactly(0, 2);
        assertThat(plan.get(B)).containsExactly(1);
    }

    @Test
    void anInstanceWithoutStorePartitionsIsNotAsked() {
        assertThat(ClusterCellSource.plan(List.of(host(A, 0, 1), host(B))).keySet()).containsExactly(A);
    }

    @Test
    void aPartitionClaimedTwiceOrNotAtAllMeansTheAssignmentIsMoving() {
        assertThatThrownBy(() -> ClusterCellSource.plan(List.of(host(A, 0, 1), host(B, 1))))
                .isInstanceOf(Unavailable.class).hasMessageContaining("partition 1").hasMessageContaining("both");
        assertThatThrownBy(() -> ClusterCellSource.plan(List.of(host(A, 0), host(B, 2))))
                .isInstanceOf(Unavailable.class).hasMessageContaining("partition 1 of the aggregates is not assigned");
        assertThatThrownBy(() -> ClusterCellSource.plan(List.of(host(A))))
                .isInstanceOf(Unavailable.class).hasMessageContaining("no instance hosts");
    }
}
