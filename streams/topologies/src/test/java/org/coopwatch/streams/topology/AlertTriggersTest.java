package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopwatch.classifier.PloverType.AGREE;
import static org.coopwatch.classifier.PloverType.CONSULT;
import static org.coopwatch.classifier.PloverType.THREATEN;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRulesFile;
import org.coopwatch.streams.alert.Sightings;
import org.coopwatch.streams.alert.SpikeCounts;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-seen and spike rules, and per-rule suppression, in controlled event time. */
class AlertTriggersTest {

    static final Instant T0 = Instant.parse("2025-08-20T06:00:00Z");
    static final Instant WALL = Instant.parse("2025-09-01T00:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    TopologyTestDriver driver;
    TestInputTopic<String, CooperationEvent> events;
    TestOutputTopic<String, Alert> alerts;
    int seq;

    void start(String rulesYaml) {
        List<AlertRule> rules = AlertRulesFile.parse(rulesYaml, "test-rules.yaml");
        driver = new TopologyTestDriver(AlertsTopology.build(topics, rules, Duration.ofHours(1),
                Fixtures.props(Stage.ALERTS, stateDir)), Fixtures.props(Stage.ALERTS, stateDir), WALL);
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.close();
    }

    CooperationEvent send(String article, String source, String target, PloverType type, List<String> sectors, Instant at) {
        CooperationEvent e = Fixtures.event(article, source, target, type, 0.8, sectors, at);
        events.pipeInput(e.getPair(), e);
        return e;
    }

    /** n events of the pair, each from its own article, at the given times. */
    void sendAt(String pair, Instant... times) {
        String[] c = pair.split("-");
        for (Instant t : times) send(pair + "-" + (++seq), c[0], c[1], AGREE, List.of("energy"), t);
    }

    static Instant[] every(Instant from, Duration step, int n) {
        Instant[] out = new Instant[n];
        for (int i = 0; i < n; i++) out[i] = from.plus(step.multipliedBy(i));
        return out;
    }

    List<String> drain() {
        List<String> out = new ArrayList<>();
        for (Alert a : alerts.readValuesToList()) out.add(a.getRule() + " " + a.getArticleIds().get(a.getArticleIds().size() - 1));
        return out;
    }

    // ---- first-seen

    static final String FIRST_SEEN = """
            rules:
              - name: new-sector
                kind: first-seen
                days: 30
            """;

    @Test
    void aPairsFirstEventOfASectorInNDaysAlertsWithTheNewSectorsOnly() {
        start(FIRST_SEEN);
        Instant watchStart = T0.minus(Duration.ofDays(40));
        send("w", "USA", "CHN", AGREE, List.of("trade"), watchStart);                   // starts the watch: quiet
        send("e1", "IND", "BRA", AGREE, List.of("defence", "space"), T0);               // both new
        send("e2", "BRA", "IND", CONSULT, List.of("defence"), T0.plus(Duration.ofDays(1)));
        send("e3", "IND", "BRA", AGREE, List.of("defence", "energy"), T0.plus(Duration.ofDays(2)));  // energy new
        send("e4", "IND", "BRA", CONSULT, List.of(), T0.plus(Duration.ofDays(3)));      // no sector: never new
        send("e5", "IND", "BRA", AGREE, List.of("defence"), T0.plus(Duration.ofDays(40)));          // 38 days after e3

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(a -> a.getArticleIds().get(0)).containsExactly("e1", "e3", "e5");
        Alert first = out.get(0);
        assertThat(first.getAlertId()).isEqualTo("new-sector|e1|IND|BRA|AGREE");
        assertThat(first.getRule()).isEqualTo("new-sector");
        assertThat(first.getPair()).isEqualTo("BRA-IND");
        assertThat(first.getCounts()).containsEntry("quietHours", 720L).containsEntry("newSectors", 2L)
                .containsEntry("suppressed", 0L).doesNotContainKey("daysSinceLast.defence");
        assertThat(first.getMessage()).isEqualTo("[info] new-sector: BRA-IND first defence, space event in 30 days: "
                + "IND -> BRA AGREE (defence, space), confidence 0.80: \"IND AGREE BRA\"");
        assertThat(out.get(1).getCounts()).containsEntry("newSectors", 1L);
        assertThat(out.get(1).getMessage()).startsWith("[info] new-sector: BRA-IND first energy event in 30 days: ");
        assertThat(out.get(2).getCounts()).containsEntry("daysSinceLast.defence", 38L);
        assertThat(out.get(2).getMessage()).startsWith("[info] new-sector: BRA-IND first defence event in 30 days (last seen 38 days ago): ");
        assertThat(out.get(2).getEventTime()).isEqualTo(T0.plus(Duration.ofDays(40)));
        assertThat(out.get(2).getCreated()).isEqualTo(WALL);

        KeyValueStore<String, Sightings> store = driver.getKeyValueStore(AlertsTopology.FIRST_SEEN_STORE);
        // e1, e2, e3, e5 lie within twice the quiet period (60 days): the outer two answer every question
        assertThat(store.get("new-sector|BRA-IND|defence").times())
                .containsExactly(T0.toEpochMilli(), T0.plus(Duration.ofDays(40)).toEpochMilli());
    }

    @Test
    void nothingIsNewBeforeTheStageHasWatchedForTheQuietPeriod() {
        start(FIRST_SEEN);
        send("a", "IND", "RUS", AGREE, List.of("energy"), T0);
        send("b", "IND", "BRA", AGREE, List.of("space"), T0.plus(Duration.ofDays(29)));
        send("c", "IND", "CHN", AGREE, List.of("space"), T0.plus(Duration.ofDays(30)));

        assertThat(drain()).containsExactly("new-sector c");
    }

    @Test
    void aLateArticleNearAKnownSightingIsNotNewButAnOldIncidentAloneIs() {
        start(FIRST_SEEN);
        Instant watchStart = T0.minus(Duration.ofDays(100));
        send("w", "USA", "CHN", AGREE, List.of("trade"), watchStart);
        send("now", "IND", "BRA", AGREE, List.of("space"), T0);
        send("late", "IND", "BRA", AGREE, List.of("space"), T0.minus(Duration.ofDays(5)));   // 5 days before "now"
        send("old", "IND", "BRA", AGREE, List.of("space"), T0.minus(Duration.ofDays(60)));   // nothing within 30 days
        send("older", "IND", "BRA", AGREE, List.of("space"), T0.minus(Duration.ofDays(61)));
        send("again", "IND", "BRA", AGREE, List.of("space"), T0);                            // the same moment again

        assertThat(drain()).containsExactly("new-sector now", "new-sector old");
    }

    @Test
    void aFirstSeenRuleAddedToARunningStageWaitsItsOwnQuietPeriod() {
        start("""
                rules:
                  - name: old-rule
                    kind: first-seen
                    days: 30
                  - name: added-rule
                    kind: first-seen
                    days: 30
                """);
        // the state of a stage that ran old-rule for 40 days, restored after a restart that added added-rule
        // (the test driver does not keep state across instances, so it is written here)
        KeyValueStore<String, Sightings> store = driver.getKeyValueStore(AlertsTopology.FIRST_SEEN_STORE);
        store.put("old-rule|*", new Sightings(List.of(T0.minus(Duration.ofDays(40)).toEpochMilli())));
        send("a", "IND", "BRA", AGREE, List.of("space"), T0);

        assertThat(drain()).containsExactly("old-rule a");
        assertThat(store.get("added-rule|*").times()).containsExactly(T0.toEpochMilli());
        assertThat(store.get("old-rule|*").times()).containsExactly(T0.minus(Duration.ofDays(40)).toEpochMilli());
    }

    @Test
    void aFirstSeenRuleCanWatchSomeSectorsOnly() {
        start("""
                rules:
                  - name: new-space
                    kind: first-seen
                    days: 7
                    sectors: [space]
                """);
        send("w", "USA", "CHN", AGREE, List.of("trade"), T0.minus(Duration.ofDays(8)));
        send("a", "IND", "BRA", AGREE, List.of("defence", "space"), T0);

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.getMessage()).startsWith("[info] new-space: BRA-IND first space event in 7 days: ");
            assertThat(a.getSectors()).containsExactly("defence", "space"); // the event's, as it was
        });
    }

    // ---- spike

    static final String SPIKE = """
            rules:
              - name: pair-spike
                kind: spike
                severity: warning
                factor: 3
                min-events: 5
                baseline: 24h
            """;

    /** Starts the watch 30 h before T0 and gives IND-RUS 12 events in the 24 h before T0's last hour. */
    void quietDayOfIndRus() {
        send("watch", "USA", "CHN", AGREE, List.of("trade"), T0.minus(Duration.ofHours(30)));
        sendAt("IND-RUS", every(T0.minus(Duration.ofHours(24)), Duration.ofHours(2), 12));
    }

    @Test
    void aPairsHourAboveKTimesItsMeanAndTheFloorAlertsOnceWithTheArticlesAndCounts() {
        start(SPIKE);
        quietDayOfIndRus();
        sendAt("IND-RUS", every(T0, Duration.ofMinutes(5), 4));                // 4 in the hour: below the floor
        assertThat(alerts.readValuesToList()).isEmpty();

        sendAt("IND-RUS", T0.plus(Duration.ofMinutes(20)));                    // 5 > 3 x 0.5 and >= 5
        List<Alert> out = alerts.readValuesToList();
        assertThat(out).hasSize(1);
        Alert a = out.get(0);
        assertThat(a.getAlertId()).isEqualTo("pair-spike|IND-RUS|2025-08-20T06:20:00Z");
        assertThat(a.getSeverity()).isEqualTo("warning");
        assertThat(a.getPair()).isEqualTo("IND-RUS");
        assertThat(a.getCounts()).containsEntry("events", 5L).containsEntry("baselineEvents", 12L)
                .containsEntry("baselineHours", 24L).containsEntry("minEvents", 5L).containsEntry("suppressed", 0L);
        assertThat(a.getArticleIds()).containsExactly("IND-RUS-13", "IND-RUS-14", "IND-RUS-15", "IND-RUS-16", "IND-RUS-17");
        assertThat(a.getMessage()).isEqualTo("[warning] pair-spike: IND-RUS 5 events in the last hour, 10.0x the 24 h "
                + "hourly mean of 0.5; latest: IND -> RUS AGREE (energy), confidence 0.80: \"IND AGREE RUS\"");

        // still spiking: held back within the hour, then alerts again with what was held
        sendAt("IND-RUS", T0.plus(Duration.ofMinutes(25)), T0.plus(Duration.ofMinutes(30)));
        assertThat(alerts.readValuesToList()).isEmpty();
        sendAt("IND-RUS", every(T0.plus(Duration.ofMinutes(80)), Duration.ofMinutes(1), 6));
        List<Alert> again = alerts.readValuesToList();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).getCounts()).containsEntry("suppressed", 2L);
        assertThat(again.get(0).getAlertId()).isEqualTo("pair-spike|IND-RUS|2025-08-20T07:20:00Z");
    }

    @Test
    void aBusyPairNeedsMoreThanKTimesItsUsualHour() {
        start(SPIKE);
        send("watch", "USA", "CHN", THREATEN, List.of(), T0.minus(Duration.ofHours(30)));
        // 3 an hour, all before the last hour of the events below
        sendAt("CHN-USA", every(T0.minus(Duration.ofMinutes(24 * 60 + 50)), Duration.ofMinutes(20), 72));
        sendAt("CHN-USA", every(T0, Duration.ofMinutes(1), 9));                                 // 9 = 3 x 3: not above
        assertThat(alerts.readValuesToList()).isEmpty();

        sendAt("CHN-USA", T0.plus(Duration.ofMinutes(9)));
        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getCounts()).containsEntry("events", 10L).containsEntry("baselineEvents", 72L);
            assertThat(a.getMessage()).contains("CHN-USA 10 events in the last hour, 3.3x the 24 h hourly mean of 3.0");
        });
    }

    @Test
    void aNewPairBurstingAboveTheFloorAlertsOnceTheStageHasAFullBaseline() {
        start(SPIKE);
        sendAt("IND-RUS", T0.minus(Duration.ofHours(25)));                      // the watch starts here
        sendAt("BRA-ZAF", every(T0.minus(Duration.ofMinutes(2)), Duration.ofSeconds(10), 4));
        assertThat(alerts.readValuesToList()).isEmpty();                        // the watch is 1 s short of 25 h
        sendAt("BRA-ZAF", T0.plus(Duration.ofMinutes(1)));
        assertThat(alerts.readValuesToList()).singleElement().satisfies(a ->
                assertThat(a.getMessage()).contains("BRA-ZAF 5 events in the last hour, none in the 24 h before"));
    }

    @Test
    void theSameStoryCountsOnceAndLateEventsFeedTheBaselineWithoutAlerting() {
        start(SPIKE);
        quietDayOfIndRus();
        // one article sent five times is one event
        for (int i = 0; i < 5; i++) send("same", "IND", "RUS", AGREE, List.of("energy"), T0.plus(Duration.ofMinutes(i)));
        KeyValueStore<String, SpikeCounts> store = driver.getKeyValueStore(AlertsTopology.SPIKE_STORE);
        long bucket = SpikeCounts.bucket(T0.toEpochMilli());
        assertThat(store.get("pair-spike|IND-RUS").count(bucket, bucket)).isEqualTo(1);

        // the pair's clock is now T0 + 2 h: a burst reported late, at T0, is counted but is not "now"
        sendAt("IND-RUS", T0.plus(Duration.ofHours(2)));
        sendAt("IND-RUS", every(T0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1), 6));
        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(store.get("pair-spike|IND-RUS").count(SpikeCounts.windowStart(T0.plus(Duration.ofMinutes(6)).toEpochMilli()),
                bucket + SpikeCounts.BUCKET_MS)).isEqualTo(7);
    }

    @Test
    void spikesCountOnlyTheEventsTheRuleLetsThrough() {
        start("""
                rules:
                  - name: conflict-spike
                    kind: spike
                    types: [THREATEN]
                    factor: 2
                    min-events: 3
                    baseline: 1h
                """);
        send("watch", "USA", "CHN", AGREE, List.of(), T0.minus(Duration.ofHours(3)));
        for (int i = 0; i < 5; i++) send("agree-" + i, "IND", "PAK", AGREE, List.of(), T0.plus(Duration.ofMinutes(i)));
        assertThat(alerts.readValuesToList()).isEmpty();
        for (int i = 0; i < 3; i++) send("threat-" + i, "IND", "PAK", THREATEN, List.of(), T0.plus(Duration.ofMinutes(10 + i)));
        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo("THREATEN");
            assertThat(a.getArticleIds()).containsExactly("threat-0", "threat-1", "threat-2");
            assertThat(a.getMessage()).contains("IND-PAK 3 events in the last hour, none in the 1 h before");
        });
    }

    // ---- suppression per rule

    @Test
    void eachRuleHasItsOwnSuppressionWindow() {
        start("""
                defaults:
                  suppression: 2h
                rules:
                  - name: every-threat
                    types: [THREATEN]
                    suppression: 0
                  - name: threats-2h
                    types: [THREATEN]
                  - name: threats-10m
                    types: [THREATEN]
                    suppression: 10m
                """);
        send("a1", "USA", "IND", THREATEN, List.of(), T0);
        send("a2", "USA", "IND", THREATEN, List.of(), T0.plus(Duration.ofMinutes(5)));
        send("a3", "USA", "IND", THREATEN, List.of(), T0.plus(Duration.ofMinutes(15)));
        send("a4", "USA", "IND", THREATEN, List.of(), T0.plus(Duration.ofMinutes(130)));

        assertThat(drain()).containsExactly(
                "every-threat a1", "threats-2h a1", "threats-10m a1",
                "every-threat a2",
                "every-threat a3", "threats-10m a3",
                "every-threat a4", "threats-2h a4", "threats-10m a4");
    }

    @Test
    void theDefaultRulesFileDrivesTheStageAndReplaysGiveTheSameAlertIds() {
        List<String> first = replayDefaults();
        driver.close();
        driver = null;
        List<String> second = replayDefaults();
        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(first).anyMatch(id -> id.startsWith("pair-spike|IND-RUS|"))
                .anyMatch(id -> id.startsWith("new-sector|"))
                .anyMatch(id -> id.startsWith("agreement|"));
    }

    private List<String> replayDefaults() {
        seq = 0;
        start(AlertRulesFile.defaultText());
        send("watch", "USA", "CHN", AGREE, List.of("trade"), T0.minus(Duration.ofDays(31)));
        quietDayOfIndRus();
        sendAt("IND-RUS", every(T0, Duration.ofMinutes(3), 8));
        send("space", "IND", "RUS", AGREE, List.of("space"), T0.plus(Duration.ofMinutes(30)));
        return alerts.readValuesToList().stream().map(Alert::getAlertId).toList();
    }
}
