package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRules;
import org.coopwatch.streams.alert.Suppression;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.coopwatch.classifier.PloverType.AGREE;
import static org.coopwatch.classifier.PloverType.ASSAULT;
import static org.coopwatch.classifier.PloverType.CONSULT;
import static org.coopwatch.classifier.PloverType.SANCTION;
import static org.coopwatch.classifier.PloverType.THREATEN;

class AlertsTopologyTest {

    static final Instant T0 = Instant.parse("2025-08-20T06:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    TopologyTestDriver driver;
    TestInputTopic<String, CooperationEvent> events;
    TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(AlertsTopology.build(topics, Fixtures.props(Stage.ALERTS, stateDir)),
                Fixtures.props(Stage.ALERTS, stateDir), T0.plusSeconds(7200));
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void send(CooperationEvent e) {
        events.pipeInput(e.getPair(), e);
    }

    @Test
    void aConflictualEventRaisesAnAlertNamingItsRuleWithEvidence() {
        CooperationEvent e = Fixtures.event("a1", "USA", "IND", THREATEN, 0.75, List.of("trade"), T0);
        Instant ingested = T0.plusSeconds(7195); // the record timestamp the article got on articles.raw
        events.pipeInput(e.getPair(), e, ingested);

        List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("IND-USA");
        Alert a = out.get(0).value;
        assertThat(a.getAlertId()).isEqualTo("conflict|a1|USA|IND|THREATEN");
        assertThat(a.getRule()).isEqualTo("conflict");
        assertThat(a.getSeverity()).isEqualTo("warning");
        assertThat(a.getSource()).isEqualTo("USA");
        assertThat(a.getTarget()).isEqualTo("IND");
        assertThat(a.getType()).isEqualTo("THREATEN");
        assertThat(a.getSectors()).containsExactly("trade");
        assertThat(a.getArticleIds()).containsExactly("a1");
        assertThat(a.getEvidence().getText()).isEqualTo("USA THREATEN IND");
        assertThat(a.getCounts()).containsEntry("events", 1L).containsEntry("suppressed", 0L);
        assertThat(a.getEventTime()).isEqualTo(T0);
        assertThat(a.getCreated()).isEqualTo(T0.plusSeconds(7200)); // the driver's wall clock
        assertThat(a.getIngested()).isEqualTo(ingested);
        assertThat(a.getMessage()).isEqualTo("[warning] conflict: USA -> IND THREATEN (trade), confidence 0.75: \"USA THREATEN IND\"");
    }

    @Test
    void defaultRulesTellArmedAttacksAgreementsAndNoiseApart() {
        send(Fixtures.event("a1", "RUS", "UKR", ASSAULT, 0.6, List.of("defence"), T0));
        send(Fixtures.event("a2", "IND", "RUS", AGREE, 0.69, List.of("energy"), T0));   // below 0.7
        send(Fixtures.event("a3", "IND", "RUS", AGREE, 0.7, List.of("energy"), T0));
        send(Fixtures.event("a4", "IND", "RUS", CONSULT, 0.99, List.of(), T0));         // no default rule
        send(Fixtures.event("a5", "USA", "CHN", SANCTION, 0.49, List.of("trade"), T0)); // below 0.5
        send(Fixtures.event("a6", "USA", "CHN", SANCTION, 0.9, List.of("trade"), T0, "negated"));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getRule() + " " + a.getSeverity() + " " + a.getArticleIds())
                .containsExactly("armed-attack critical [a1]", "agreement info [a3]");
    }

    @Test
    void theSameRulePairAndTypeIsSuppressedWithinTheWindowThenCountsWhatWasHeldBack() {
        send(Fixtures.event("a1", "USA", "IND", THREATEN, 0.8, List.of("trade"), T0));
        send(Fixtures.event("a2", "IND", "USA", THREATEN, 0.8, List.of("trade"), T0.plusSeconds(600)));
        send(Fixtures.event("a3", "USA", "IND", THREATEN, 0.8, List.of("trade"), T0.plusSeconds(3599)));
        send(Fixtures.event("a4", "USA", "IND", SANCTION, 0.8, List.of("trade"), T0.plusSeconds(700))); // other type
        send(Fixtures.event("a5", "USA", "CHN", THREATEN, 0.8, List.of("trade"), T0.plusSeconds(800))); // other pair
        send(Fixtures.event("a6", "USA", "IND", THREATEN, 0.8, List.of("trade"), T0.plusSeconds(3600)));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(a -> a.getArticleIds().get(0)).containsExactly("a1", "a4", "a5", "a6");
        Alert again = out.get(3);
        assertThat(again.getCounts()).containsEntry("events", 3L).containsEntry("suppressed", 2L);
        assertThat(again.getMessage()).contains("2 similar since last alert");

        KeyValueStore<String, Suppression> store = driver.getKeyValueStore(AlertsTopology.SUPPRESSION_STORE);
        assertThat(store.get("conflict|IND-USA|THREATEN"))
                .isEqualTo(new Suppression(List.of(T0.toEpochMilli(), T0.plusSeconds(3600).toEpochMilli()), 0));
    }

    @Test
    void aLateEventWithinTheWindowOfTheLastAlertIsSuppressed() {
        send(Fixtures.event("a1", "USA", "IND", THREATEN, 0.8, List.of(), T0));
        send(Fixtures.event("a0", "USA", "IND", THREATEN, 0.8, List.of(), T0.minusSeconds(1800)));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getArticleIds().get(0)).containsExactly("a1");
    }

    @Test
    void aBackFilledOldIncidentAlertsOnceWithoutReopeningTodaysWindow() {
        Instant lastYear = T0.minus(Duration.ofDays(300));
        send(Fixtures.event("today", "USA", "IND", THREATEN, 0.8, List.of(), T0));
        send(Fixtures.event("old-1", "USA", "IND", THREATEN, 0.8, List.of(), lastYear));
        send(Fixtures.event("old-2", "USA", "IND", THREATEN, 0.8, List.of(), lastYear.plusSeconds(60)));
        send(Fixtures.event("today-2", "USA", "IND", THREATEN, 0.8, List.of(), T0.plusSeconds(60)));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getArticleIds().get(0)).containsExactly("today", "old-1");
    }

    @Test
    void customRulesMatchOnCountriesPairSectorsAndConfidence() {
        driver.close();
        List<AlertRule> rules = List.of(
                new AlertRule("india-energy", Set.of("ind"), null, Set.of(), Set.of("energy"), 0.0, "info"),
                new AlertRule("china-us", Set.of(), "USA-CHN", Set.of("threaten", "SANCTION"), Set.of(), 0.6, "critical"));
        driver = new TopologyTestDriver(
                AlertsTopology.build(topics, rules, Duration.ZERO, Fixtures.props(Stage.ALERTS, stateDir)),
                Fixtures.props(Stage.ALERTS, stateDir));
        events = driver.createInputTopic(topics.events().name(), topics.events().keySerde().serializer(),
                topics.events().valueSerde().serializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());

        send(Fixtures.event("e1", "IND", "RUS", CONSULT, 0.3, List.of("energy", "trade"), T0));
        send(Fixtures.event("e2", "IND", "RUS", CONSULT, 0.3, List.of("trade"), T0));
        send(Fixtures.event("e3", "CHN", "USA", THREATEN, 0.7, List.of(), T0));
        send(Fixtures.event("e4", "CHN", "USA", THREATEN, 0.7, List.of(), T0)); // window zero: no suppression
        send(Fixtures.event("e5", "CHN", "JPN", THREATEN, 0.7, List.of(), T0));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getRule() + " " + a.getArticleIds().get(0))
                .containsExactly("india-energy e1", "china-us e3", "china-us e4");
    }

    @Test
    void rulesAreValidatedWithClearMessages() {
        assertThatThrownBy(() -> new AlertRule("bad|name", Set.of(), null, Set.of(), Set.of(), 0.5, "info"))
                .hasMessageContaining("alert rule name");
        assertThatThrownBy(() -> new AlertRule("r", Set.of(), null, Set.of("HUG"), Set.of(), 0.5, "info"))
                .hasMessageContaining("'HUG' is not a PLOVER type");
        assertThatThrownBy(() -> new AlertRule("r", Set.of(), null, Set.of(), Set.of("fishing"), 0.5, "info"))
                .hasMessageContaining("'fishing' is not a sector");
        assertThatThrownBy(() -> new AlertRule("r", Set.of("India"), null, Set.of(), Set.of(), 0.5, "info"))
                .hasMessageContaining("'India' is not an ISO 3166-1 alpha-3 code");
        assertThatThrownBy(() -> new AlertRule("r", Set.of(), "IND/RUS", Set.of(), Set.of(), 0.5, "info"))
                .hasMessageContaining("pair 'IND/RUS'");
        assertThatThrownBy(() -> new AlertRule("r", Set.of(), null, Set.of(), Set.of(), 1.5, "info"))
                .hasMessageContaining("minConfidence");
        assertThatThrownBy(() -> new AlertRule("r", Set.of(), null, Set.of(), Set.of(), 0.5, "urgent"))
                .hasMessageContaining("severity");
        assertThatThrownBy(() -> AlertsTopology.build(topics, List.of(AlertRules.defaults().get(0), AlertRules.defaults().get(0)),
                Duration.ofHours(1), Fixtures.props(Stage.ALERTS, stateDir)))
                .hasMessageContaining("two alert rules are named 'armed-attack'");
        assertThat(new AlertRule("r", Set.of(), "rus-ind", Set.of(), Set.of(), 0.5, null).pair()).isEqualTo("IND-RUS");
    }
}
