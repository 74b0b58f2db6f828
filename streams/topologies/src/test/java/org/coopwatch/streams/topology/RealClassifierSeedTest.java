package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.classifier.Classifier;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrichment and events with the real classifier on the seed article (skipped when ../shared is absent). */
class RealClassifierSeedTest {

    @TempDir Path stateDir;

    @Test
    void theSeedArticleYieldsItsIndiaRussiaEvents() throws IOException {
        Optional<Path> seed = Fixtures.shared(Fixtures.SEED);
        assumeTrue(seed.isPresent(), "seed article " + Fixtures.SEED + " not found above " + Path.of("").toAbsolutePath());
        String text = Files.readString(seed.get(), StandardCharsets.UTF_8);
        Topics topics = Topics.defaults();
        Classifier classifier = Classifier.load();

        EnrichedArticle enriched;
        try (TopologyTestDriver d = new TopologyTestDriver(
                EnrichmentTopology.build(topics, classifier::classify, Fixtures.props(Stage.ENRICH, stateDir)),
                Fixtures.props(Stage.ENRICH, stateDir))) {
            d.createInputTopic(topics.raw().name(), topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer())
                    .pipeInput("india-russia-working-group", Fixtures.raw("india-russia-working-group", text,
                            Instant.parse("2025-08-20T06:30:00Z"), Instant.parse("2025-08-20T07:00:00Z")));
            enriched = d.createOutputTopic(topics.enriched().name(), topics.enriched().keySerde().deserializer(),
                    topics.enriched().valueSerde().deserializer()).readValue();
        }
        assertThat(enriched.getLanguage()).isEqualTo("hi");
        assertThat(enriched.getCountries()).contains("IND", "RUS").doesNotContain("CHN");

        List<KeyValue<String, CooperationEvent>> events;
        try (TopologyTestDriver d = new TopologyTestDriver(EventsTopology.build(topics, Fixtures.props(Stage.EVENTS, stateDir)),
                Fixtures.props(Stage.EVENTS, stateDir))) {
            d.createInputTopic(topics.enriched().name(), topics.enriched().keySerde().serializer(),
                    topics.enriched().valueSerde().serializer()).pipeInput(enriched.getId(), enriched);
            events = d.createOutputTopic(topics.events().name(), topics.events().keySerde().deserializer(),
                    topics.events().valueSerde().deserializer()).readKeyValuesToList();
        }
        List<CooperationEvent> indRus = events.stream().filter(kv -> kv.key.equals("IND-RUS")).map(kv -> kv.value).toList();
        assertThat(indRus).extracting(CooperationEvent::getType).contains("CONSULT", "COOPERATE");
        assertThat(indRus).allSatisfy(e -> {
            assertThat(e.getArticleId()).isEqualTo("india-russia-working-group");
            assertThat(e.getCooperative()).isTrue();
            assertThat(e.getEventTime()).isEqualTo(Instant.parse("2025-08-20T06:30:00Z"));
            // evidence offsets index the text as given
            assertThat(text.substring(e.getEvidence().getStart(), e.getEvidence().getEnd())).isEqualTo(e.getEvidence().getText());
        });
        assertThat(events).extracting(kv -> kv.key + " " + kv.value.getType()).contains("IND-USA THREATEN");
    }
}
