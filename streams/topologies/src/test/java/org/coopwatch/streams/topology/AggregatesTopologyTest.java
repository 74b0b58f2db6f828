package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopwatch.classifier.PloverType.AGREE;
import static org.coopwatch.classifier.PloverType.THREATEN;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.aggregate.AggregateOptions;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatesTopologyTest {

    static final Instant DAY = Instant.parse("2025-08-20T00:00:00Z");
    static final Instant T10 = Instant.parse("2025-08-20T10:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    TopologyTestDriver driver;
    TestInputTopic<String, CooperationEvent> events;
    TestOutputTopic<String, Aggregate> aggregates;
    /** The latest published value of every aggregate id, as an upserting sink would hold them. */
    final Map<String, Aggregate> latest = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(AggregatesTopology.build(topics, Fixtures.props(Stage.AGGREGATES, stateDir)),
                Fixtures.props(Stage.AGGREGATES, stateDir));
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        aggregates = driver.createOutputTopic(topics.aggregates().name(), topics.aggregates().keySerde().deserializer(),
                topics.aggregates().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void send(CooperationEvent e) {
        // the record timestamp is deliberately unrelated: windows must follow eventTime
        events.pipeInput(e.getPair(), e, Instant.parse("2030-01-01T00:00:00Z"));
    }

    Map<String, Aggregate> drain() {
        for (KeyValue<String, Aggregate> kv : aggregates.readKeyValuesToList()) {
            assertThat(kv.key).isEqualTo(kv.value.getPair());
            latest.put(kv.value.getAggregateId(), kv.value);
        }
        return latest;
    }

    static String hour(String pair, String type, String sector, String start) {
        return "hour|" + pair + "|" + type + "|" + sector + "|" + start;
    }

    @Test
    void tumblingWindowsSplitAtTheHourAndTheUtcDay() {
        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), Instant.parse("2025-08-20T10:59:59.999Z")));
        send(Fixtures.event("a2", "IND", "RUS", AGREE, 0.7, List.of("energy"), Instant.parse("2025-08-20T11:00:00Z")));
        send(Fixtures.event("a3", "IND", "RUS", AGREE, 0.9, List.of("energy"), Instant.parse("2025-08-21T00:00:00Z")));

        Map<String, Aggregate> out = drain();
        assertThat(out.keySet()).containsExactlyInAnyOrder(
                hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z"),
                hour("IND-RUS", "AGREE", "energy", "2025-08-20T11:00:00Z"),
                hour("IND-RUS", "AGREE", "energy", "2025-08-21T00:00:00Z"),
                "day|IND-RUS|AGREE|energy|2025-08-20T00:00:00Z",
                "day|IND-RUS|AGREE|energy|2025-08-21T00:00:00Z");
        Aggregate h10 = out.get(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z"));
        assertThat(h10.getGranularity()).isEqualTo("hour");
        assertThat(h10.getWindowStart()).isEqualTo(T10);
        assertThat(h10.getWindowEnd()).isEqualTo(Instant.parse("2025-08-20T11:00:00Z"));
        assertThat(h10.getCount()).isEqualTo(1);
        assertThat(h10.getArticleIds()).containsExactly("a1");
        Aggregate day = out.get("day|IND-RUS|AGREE|energy|2025-08-20T00:00:00Z");
        assertThat(day.getWindowStart()).isEqualTo(DAY);
        assertThat(day.getWindowEnd()).isEqualTo(DAY.plus(Duration.ofDays(1)));
        assertThat(day.getCount()).isEqualTo(2);
        assertThat(day.getArticles()).isEqualTo(2);
        assertThat(day.getBalance()).isEqualTo(1.5);
        assertThat(day.getArticleIds()).containsExactly("a1", "a2");
    }

    @Test
    void eachSectorCountsAndEventsWithoutSectorCountUnderDash() {
        send(Fixtures.event("a1", "USA", "IND", THREATEN, 0.75, List.of("trade", "energy"), T10));
        send(Fixtures.event("a2", "USA", "IND", THREATEN, 0.5, List.of(), T10.plusSeconds(60)));

        Map<String, Aggregate> out = drain();
        assertThat(out.get(hour("IND-USA", "THREATEN", "trade", "2025-08-20T10:00:00Z")).getBalance()).isEqualTo(-0.75);
        assertThat(out.get(hour("IND-USA", "THREATEN", "energy", "2025-08-20T10:00:00Z")).getCount()).isEqualTo(1);
        Aggregate none = out.get(hour("IND-USA", "THREATEN", "-", "2025-08-20T10:00:00Z"));
        assertThat(none.getSector()).isEqualTo("-");
        assertThat(none.getArticleIds()).containsExactly("a2");
        assertThat(none.getBalance()).isEqualTo(-0.5);
        assertThat(out).hasSize(6); // three keys, hourly and daily
    }

    @Test
    void aResentArticleIsCountedOnceAndNegatedEventsNotAtAll() {
        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10));
        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10));
        send(Fixtures.event("a2", "IND", "RUS", AGREE, 0.9, List.of("energy"), T10, "negated"));
        send(Fixtures.event("a3", "IND", "RUS", AGREE, 0.9, List.of("energy"), T10, "hypothetical"));

        Aggregate h = drain().get(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z"));
        assertThat(h.getCount()).isEqualTo(1);
        assertThat(h.getArticles()).isEqualTo(1);
        assertThat(h.getBalance()).isEqualTo(0.8);
    }

    @Test
    void aLateEventWithinGraceIsCountedAndOneBeyondItDropped() {
        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10));
        // stream time moves 47 h on: the 10:00 hour window closes at 11:00 + 48 h grace
        send(Fixtures.event("a2", "IND", "RUS", AGREE, 0.8, List.of("defence"), T10.plus(Duration.ofHours(47))));
        send(Fixtures.event("late", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10.plusSeconds(1800)));
        assertThat(drain().get(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z")).getCount()).isEqualTo(2);

        // now 49 h after 11:00: the window is closed
        send(Fixtures.event("a3", "IND", "RUS", AGREE, 0.8, List.of("defence"), T10.plus(Duration.ofHours(50))));
        send(Fixtures.event("too-late", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10.plusSeconds(1900)));
        Map<String, Aggregate> out = drain();
        assertThat(out.get(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z")).getArticleIds())
                .containsExactly("a1", "late");
        assertThat(out.values()).filteredOn(a -> a.getGranularity().equals("hour"))
                .noneMatch(a -> a.getArticleIds().contains("too-late"));
        // the day window of 20 August closes later (21 August 00:00 + 48 h), so it still counts there
        assertThat(out.get("day|IND-RUS|AGREE|energy|2025-08-20T00:00:00Z").getArticleIds())
                .containsExactly("a1", "late", "too-late");
    }

    @Test
    void graceIsConfigurable() {
        driver.close();
        driver = new TopologyTestDriver(AggregatesTopology.build(topics,
                AggregateOptions.defaults().withGrace(Duration.ZERO), Fixtures.props(Stage.AGGREGATES, stateDir)),
                Fixtures.props(Stage.AGGREGATES, stateDir));
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        aggregates = driver.createOutputTopic(topics.aggregates().name(), topics.aggregates().keySerde().deserializer(),
                topics.aggregates().valueSerde().deserializer());

        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10.plusSeconds(3600)));
        send(Fixtures.event("late", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10.plusSeconds(3599)));

        assertThat(drain().keySet()).doesNotContain(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z"))
                .contains("day|IND-RUS|AGREE|energy|2025-08-20T00:00:00Z");
        assertThat(latest.get("day|IND-RUS|AGREE|energy|2025-08-20T00:00:00Z").getCount()).isEqualTo(2);
        assertThatThrownBy(() -> new AggregateOptions(Duration.ofHours(48), Duration.ofHours(2), Duration.ofDays(35), 10))
                .hasMessageContaining("hourly retention");
    }

    @Test
    void windowsAreQueryableInTheNamedStores() {
        send(Fixtures.event("a1", "IND", "RUS", AGREE, 0.8, List.of("energy"), T10.plusSeconds(5)));
        send(Fixtures.event("a2", "IND", "RUS", AGREE, 0.6, List.of("energy"), T10.plusSeconds(7200)));

        WindowStore<String, Aggregate> hourly = driver.getWindowStore(AggregatesTopology.HOURLY_STORE);
        try (WindowStoreIterator<Aggregate> it = hourly.fetch("IND-RUS|AGREE|energy", T10, T10.plusSeconds(7200))) {
            List<KeyValue<Long, Aggregate>> windows = new java.util.ArrayList<>();
            it.forEachRemaining(windows::add);
            assertThat(windows).extracting(kv -> kv.key)
                    .containsExactly(T10.toEpochMilli(), T10.plusSeconds(7200).toEpochMilli());
            assertThat(windows.get(0).value.getArticleIds()).containsExactly("a1");
            assertThat(windows.get(0).value.getAggregateId()).isEqualTo(hour("IND-RUS", "AGREE", "energy", "2025-08-20T10:00:00Z"));
        }
        WindowStore<String, Aggregate> daily = driver.getWindowStore(AggregatesTopology.DAILY_STORE);
        assertThat(daily.fetch("IND-RUS|AGREE|energy", DAY.toEpochMilli()).getBalance()).isEqualTo(1.4);
    }
}
