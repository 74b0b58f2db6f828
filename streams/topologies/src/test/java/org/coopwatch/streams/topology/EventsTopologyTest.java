package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.Evidence;
import org.coopwatch.avro.Interaction;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTopologyTest {

    static final Instant PUBLISHED = Instant.parse("2025-08-20T06:30:00Z");
    static final Instant INGESTED = Instant.parse("2025-08-20T07:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    TopologyTestDriver driver;
    TestInputTopic<String, EnrichedArticle> enriched;
    TestOutputTopic<String, CooperationEvent> events;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(EventsTopology.build(topics, Fixtures.props(Stage.EVENTS, stateDir)),
                Fixtures.props(Stage.EVENTS, stateDir));
        enriched = driver.createInputTopic(topics.enriched().name(), topics.enriched().keySerde().serializer(),
                topics.enriched().valueSerde().serializer());
        events = driver.createOutputTopic(topics.events().name(), topics.events().keySerde().deserializer(),
                topics.events().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static Interaction interaction(String s, String t, String type, String cameo, double conf, List<String> sectors) {
        return new Interaction(s, t, type, cameo, sectors, conf, "asserted", new Evidence(s + " " + type + " " + t, 3, 20));
    }

    static EnrichedArticle article(String id, Instant published, Instant ingested, List<Interaction> interactions) {
        return EnrichedArticle.newBuilder()
                .setId(id).setTitle("India and Russia").setUrl("https://example.invalid/" + id).setSource("test")
                .setPublished(published).setIngested(ingested).setLanguage("hi").setText("text of " + id)
                .setBoilerplate(List.of()).setCountries(List.of("IND", "RUS", "USA"))
                .setPlaces(List.of()).setPeople(List.of()).setOrganizations(List.of())
                .setInteractions(interactions).setStoryId(null)
                .build();
    }

    static final List<Interaction> SEED_LIKE = List.of(
            interaction("IND", "RUS", "CONSULT", "04", 0.92, List.of("manufacturing", "aerospace")),
            interaction("IND", "RUS", "COOPERATE", "06", 0.85, List.of("aerospace", "energy")),
            interaction("IND", "RUS", "AGREE", "03", 0.8, List.of("defence")),
            interaction("USA", "IND", "THREATEN", "13", 0.75, List.of("trade")));

    @Test
    void oneEventPerPairAndTypeKeyedByTheSortedPair() {
        enriched.pipeInput("a1", article("a1", PUBLISHED, INGESTED, SEED_LIKE));

        List<KeyValue<String, CooperationEvent>> out = events.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("IND-RUS", "IND-RUS", "IND-RUS", "IND-USA");
        assertThat(out).extracting(kv -> kv.value.getEventId()).containsExactly(
                "a1|IND|RUS|CONSULT", "a1|IND|RUS|COOPERATE", "a1|IND|RUS|AGREE", "a1|USA|IND|THREATEN");
        CooperationEvent threat = out.get(3).value;
        assertThat(threat.getPair()).isEqualTo("IND-USA");
        assertThat(threat.getSource()).isEqualTo("USA");
        assertThat(threat.getTarget()).isEqualTo("IND");
        assertThat(threat.getCameo()).isEqualTo("13");
        assertThat(threat.getCooperative()).isFalse();
        assertThat(threat.getSectors()).containsExactly("trade");
        assertThat(threat.getConfidence()).isEqualTo(0.75);
        assertThat(threat.getLanguage()).isEqualTo("hi");
        assertThat(threat.getArticleId()).isEqualTo("a1");
        assertThat(threat.getUrl()).isEqualTo("https://example.invalid/a1");
        assertThat(threat.getEvidence().getText()).isEqualTo("USA THREATEN IND");
        assertThat(threat.getEventTime()).isEqualTo(PUBLISHED);
        assertThat(out.get(0).value.getCooperative()).isTrue();
    }

    @Test
    void aReSentArticleIsDroppedAndAReplayOnFreshStateGivesTheSameEventIds() {
        enriched.pipeInput("a1", article("a1", PUBLISHED, INGESTED, SEED_LIKE));
        enriched.pipeInput("a1", article("a1", PUBLISHED, INGESTED.plusSeconds(60), SEED_LIKE));
        List<String> first = events.readValuesToList().stream().map(CooperationEvent::getEventId).toList();
        assertThat(first).as("the second copy is an exact duplicate").hasSize(4);

        stop();
        stateDir = stateDir.resolve("replay");
        start();
        enriched.pipeInput("a1", article("a1", PUBLISHED, INGESTED.plusSeconds(60), SEED_LIKE));
        assertThat(events.readValuesToList()).extracting(CooperationEvent::getEventId).isEqualTo(first);
    }

    @Test
    void eventTimeIsPublishedElseIngestedAndNeverAfterIngestion() {
        enriched.pipeInput("none", article("none", null, INGESTED, SEED_LIKE.subList(0, 1)));
        enriched.pipeInput("future", article("future", INGESTED.plusSeconds(86_400), INGESTED, SEED_LIKE.subList(0, 1)));

        assertThat(events.readValuesToList()).extracting(CooperationEvent::getEventTime)
                .containsExactly(INGESTED, INGESTED);
    }

    @Test
    void bothDirectionsOfATypeAreOneEventAndSelfInteractionsNone() {
        enriched.pipeInput("a2", article("a2", PUBLISHED, INGESTED, List.of(
                interaction("IND", "RUS", "CONSULT", "04", 0.6, List.of("energy")),
                interaction("RUS", "IND", "CONSULT", "04", 0.9, List.of("defence")),
                interaction("IND", "IND", "AGREE", "03", 0.9, List.of()))));

        List<CooperationEvent> out = events.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getEventId()).isEqualTo("a2|RUS|IND|CONSULT");
        assertThat(out.get(0).getConfidence()).isEqualTo(0.9);
        assertThat(out.get(0).getSectors()).containsExactly("defence", "energy");
    }

    @Test
    void anArticleBreakingTheContractGoesToTheDlqAndTheNextOneComesThrough() {
        TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(topics.dlq().name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        enriched.pipeInput("bad", article("bad", PUBLISHED, INGESTED,
                List.of(interaction("IND", "RUS", "HUG", "99", 0.9, List.of()))));
        enriched.pipeInput("a1", article("a1", PUBLISHED, INGESTED, SEED_LIKE.subList(0, 1)));

        assertThat(events.readValuesToList()).extracting(CooperationEvent::getArticleId).containsExactly("a1");
        var dead = dlq.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(new String(dead.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8))
                .contains("HUG");
        assertThat(new String(dead.headers().lastHeader("__streams.errors.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("articles.enriched");
    }

    @Test
    void anArticleWithoutInteractionsYieldsNothing() {
        enriched.pipeInput("empty", article("empty", PUBLISHED, INGESTED, List.of()));
        assertThat(events.isEmpty()).isTrue();
    }
}
