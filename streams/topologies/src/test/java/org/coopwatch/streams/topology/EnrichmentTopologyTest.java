package org.coopwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyTestDriver;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.serde.AvroSerde;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.FakeAnalyzer;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTopologyTest {

    static final Instant PUBLISHED = Instant.parse("2025-08-20T06:30:00Z");
    static final Instant INGESTED = Instant.parse("2025-08-20T07:00:00Z");

    @TempDir Path stateDir;
    final Topics topics = Topics.defaults();
    final FakeAnalyzer analyzer = new FakeAnalyzer();
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> raw;
    TestOutputTopic<String, EnrichedArticle> enriched;
    TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(
                EnrichmentTopology.build(topics, analyzer, 4096, Fixtures.props(Stage.ENRICH, stateDir)),
                Fixtures.props(Stage.ENRICH, stateDir));
        raw = driver.createInputTopic(topics.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(topics.enriched().name(), topics.enriched().keySerde().deserializer(),
                topics.enriched().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    byte[] avro(RawArticle a) {
        return topics.raw().valueSerde().serializer().serialize(topics.raw().name(), a);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void avroArticleIsClassifiedIntoAnEnrichedArticleKeyedById() {
        raw.pipeInput(utf8("a1"), avro(Fixtures.raw("a1", Fixtures.seedLikeText(), PUBLISHED, INGESTED)));

        var out = enriched.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("a1");
        EnrichedArticle e = out.get(0).value;
        assertThat(e.getLanguage()).isEqualTo("en");
        assertThat(e.getCountries()).containsExactly("IND", "RUS", "USA");
        assertThat(e.getTitle()).isEqualTo("title of a1");
        assertThat(e.getPublished()).isEqualTo(PUBLISHED);
        assertThat(e.getIngested()).isEqualTo(INGESTED);
        assertThat(e.getText()).isEqualTo(Fixtures.seedLikeText());
        assertThat(e.getBoilerplate()).containsExactly("Also read: China news");
        assertThat(e.getPeople()).extracting(p -> p.getName()).containsExactly("Alexander Fomin");
        assertThat(e.getPlaces()).extracting(p -> p.getName()).containsExactly("Moscow");
        assertThat(e.getOrganizations()).extracting(o -> o.getName()).containsExactly("DPIIT");
        assertThat(e.getInteractions()).extracting(i -> i.getSource() + ">" + i.getTarget() + " " + i.getType() + " " + i.getCameo())
                .containsExactly("IND>RUS CONSULT 04", "IND>RUS COOPERATE 06", "IND>RUS AGREE 03", "USA>IND THREATEN 13");
        var consult = e.getInteractions().get(0);
        assertThat(consult.getSectors()).containsExactly("manufacturing", "aerospace");
        assertThat(consult.getConfidence()).isEqualTo(0.92);
        assertThat(consult.getModality()).isEqualTo("asserted");
        // evidence offsets index the stored text
        assertThat(e.getText().substring(consult.getEvidence().getStart(), consult.getEvidence().getEnd()))
                .isEqualTo(consult.getEvidence().getText());
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void plainJsonWithoutKeyGetsItsIdAsKey() {
        raw.pipeInput(null, utf8("{\"id\": \"j1\", \"text\": \"@IND>RUS AGREE 0.9 energy\", \"language\": \"hi\","
                + " \"published\": \"2025-08-20T06:30:00Z\"}"));

        var out = enriched.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("j1");
        assertThat(out.get(0).value.getLanguage()).isEqualTo("hi");
        assertThat(out.get(0).value.getPublished()).isEqualTo(PUBLISHED);
        assertThat(out.get(0).value.getInteractions()).hasSize(1);
        assertThat(analyzer.seen.get(0).languageHint()).isEqualTo("hi");
    }

    @Test
    void textBeyondTheCapIsNeitherClassifiedNorStored() {
        String text = "@IND>RUS AGREE 0.9 energy\n" + "x".repeat(5000) + "\n@USA>IND THREATEN 0.9 trade";
        raw.pipeInput(utf8("big"), avro(Fixtures.raw("big", text, PUBLISHED, INGESTED)));

        EnrichedArticle e = enriched.readValue();
        assertThat(analyzer.seen.get(0).text()).hasSize(4096);
        assertThat(e.getText()).isEqualTo(text.substring(0, 4096));
        assertThat(e.getInteractions()).extracting(i -> i.getType()).containsExactly("AGREE");
    }

    @Test
    void tombstonesAreSkipped() {
        raw.pipeInput(utf8("gone"), (byte[]) null);
        raw.pipeInput(utf8("a2"), avro(Fixtures.raw("a2", "@IND>RUS AGREE 0.9 energy", null, INGESTED)));

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a2");
        assertThat(dlq.isEmpty()).isTrue();
    }

    /**
     * Runs at_least_once: under exactly_once_v2 the test driver loses DLQ records sent while a record is
     * being deserialised (its MockProducer's clear() drops the not yet committed send before the commit).
     * EnrichmentTopology is the same either way; PipelineIT checks the DLQ under exactly_once_v2 on a real broker.
     */
    @Test
    void unreadableRecordsGoToTheDlqWithTheReasonAndTheNextGoodOneComesThrough() {
        driver.close();
        Properties props = Fixtures.props(Stage.ENRICH, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(EnrichmentTopology.build(topics, analyzer, props), props);
        raw = driver.createInputTopic(topics.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(topics.enriched().name(), topics.enriched().keySerde().deserializer(),
                topics.enriched().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());

        byte[] good = avro(Fixtures.raw("a3", "@IND>RUS AGREE 0.9 energy", PUBLISHED, INGESTED));
        byte[] randomBytes = new byte[64];
        new Random(42).nextBytes(randomBytes);
        randomBytes[0] = 0x01; // neither the Avro marker nor '{'
        byte[] truncatedAvro = Arrays.copyOf(good, good.length / 2);
        byte[] jsonWithoutText = utf8("{\"id\": \"no-text\", \"title\": \"headline only\"}");

        raw.pipeInput(utf8("r"), randomBytes);
        raw.pipeInput(utf8("t"), truncatedAvro);
        raw.pipeInput(utf8("j"), jsonWithoutText);
        raw.pipeInput(utf8("a3"), good);

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a3");
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("r", "t", "j");
        assertThat(dead.get(0).value()).isEqualTo(randomBytes);
        assertThat(dead.get(1).value()).isEqualTo(truncatedAvro);
        assertThat(dead.get(2).value()).isEqualTo(jsonWithoutText);
        for (int i = 0; i < dead.size(); i++) {
            Headers h = dead.get(i).headers();
            assertThat(header(h, "__streams.errors.topic")).isEqualTo("articles.raw");
            assertThat(header(h, "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(h, "__streams.errors.offset")).isEqualTo(Integer.toString(i));
            assertThat(header(h, "__streams.errors.exception")).isNotBlank();
            assertThat(header(h, "__streams.errors.stacktrace")).isNotBlank();
        }
        assertThat(header(dead.get(0).headers(), "__streams.errors.message")).contains("neither Avro single-object encoded nor a JSON object");
        assertThat(header(dead.get(1).headers(), "__streams.errors.message")).contains("RawArticle");
        assertThat(header(dead.get(2).headers(), "__streams.errors.message")).contains("no \"text\"");
    }

    @Test
    void anArticleTheClassifierFailsOnGoesToTheDlqAndTheStreamGoesOn() {
        TopologyTestDriver failing = new TopologyTestDriver(
                EnrichmentTopology.build(topics, article -> {
                    if (article.text().contains("boom")) throw new IllegalStateException("classifier broke on " + article.id());
                    return analyzer.analyze(article);
                }, Fixtures.props(Stage.ENRICH, stateDir)),
                Fixtures.props(Stage.ENRICH, stateDir));
        try (failing) {
            var in = failing.createInputTopic(topics.raw().name(), new StringSerializer(), new ByteArraySerializer());
            var out = failing.createOutputTopic(topics.enriched().name(), topics.enriched().keySerde().deserializer(),
                    topics.enriched().valueSerde().deserializer());
            var dead = failing.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            byte[] bad = avro(Fixtures.raw("bad", "boom", PUBLISHED, INGESTED));
            in.pipeInput("bad", bad);
            in.pipeInput("ok", avro(Fixtures.raw("ok", "@IND>RUS AGREE 0.9 energy", PUBLISHED, INGESTED)));

            assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("ok");
            TestRecord<byte[], byte[]> d = dead.readRecord();
            assertThat(d.value()).isEqualTo(bad);
            assertThat(header(d.headers(), "__streams.errors.message")).isEqualTo("classifier broke on bad");
            assertThat(header(d.headers(), "__streams.errors.exception")).isEqualTo(IllegalStateException.class.getName());
            assertThat(dead.isEmpty()).isTrue();
        }
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
