package org.coopwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.Evidence;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.serde.AvroJson;
import org.coopwatch.schemas.serde.AvroSerde;
import org.coopwatch.schemas.serde.RawArticleSerde;
import org.coopwatch.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

class SerdeTest {

    private final RawArticleSerde raw = new RawArticleSerde();

    private static RawArticle article() {
        return RawArticle.newBuilder().setId("a1").setText("भारत और रूस").setTitle("t")
                .setPublished(Instant.parse("2025-08-20T10:00:00Z")).setIngested(Instant.ofEpochMilli(5)).build();
    }

    @Test
    void avroRoundTripUsesSingleObjectEncoding() {
        byte[] bytes = raw.serializer().serialize("articles.raw", article());
        assertThat(bytes[0] & 0xFF).isEqualTo(0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fp = SchemaNormalization.parsingFingerprint64(RawArticle.getClassSchema());
        // bytes 2..9 are the writer schema's fingerprint, little-endian
        long written = 0;
        for (int i = 9; i >= 2; i--) written = (written << 8) | (bytes[i] & 0xFF);
        assertThat(written).isEqualTo(fp);
        assertThat(raw.deserializer().deserialize("articles.raw", bytes)).isEqualTo(article());
    }

    @Test
    void recordWrittenWithReleasedV1SchemaIsReadByCurrentReader() throws IOException {
        Schema v1 = released("RawArticle-v1.avsc");
        assertThat(v1.getField("contentHash")).isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-1");
        old.put("text", "Moscow and New Delhi signed a deal");
        old.put("ingested", 1234L);
        RawArticle read = raw.decode(singleObject(v1, old));
        assertThat(read.getId()).isEqualTo("old-1");
        assertThat(read.getText()).isEqualTo("Moscow and New Delhi signed a deal");
        assertThat(read.getContentHash()).isNull();
        assertThat(read.getSource()).isNull();
        assertThat(read.getIngested()).isEqualTo(Instant.ofEpochMilli(1234));
    }

    @Test
    void eventWrittenWithReleasedV1SchemaIsReadByCurrentReaderAsOneSource() throws IOException {
        Schema v1 = released("CooperationEvent-v1.avsc");
        assertThat(v1.getField("sources")).isNull();
        assertThat(SchemaNormalization.parsingFingerprint64(v1))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(CooperationEvent.getClassSchema()));
        GenericRecord evidence = evidence(v1, "They met.");
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "a|IND|RUS|CONSULT");
        old.put("articleId", "a");
        old.put("pair", "IND-RUS");
        old.put("source", "IND");
        old.put("target", "RUS");
        old.put("type", "CONSULT");
        old.put("cameo", "04");
        old.put("cooperative", true);
        old.put("sectors", List.of("trade"));
        old.put("confidence", 0.9);
        old.put("modality", "asserted");
        old.put("evidence", evidence);
        old.put("language", "en");
        old.put("eventTime", 1000L);
        old.put("storyId", "a");

        CooperationEvent read = new AvroSerde<>(CooperationEvent.class).decode(singleObject(v1, old));
        assertThat(read.getEventId()).isEqualTo("a|IND|RUS|CONSULT");
        assertThat(read.getStoryId()).isEqualTo("a");
        assertThat(read.getSectors()).containsExactly("trade");
        assertThat(read.getSources()).as("the default of the field added in v2").isEqualTo(1);
    }

    @Test
    void alertWrittenWithReleasedV1SchemaIsReadByCurrentReaderWithoutIngestionTime() throws IOException {
        Schema v1 = released("Alert-v1.avsc");
        // the fingerprint the v1 alerts on existing topics carry (Alert.avsc as released with 0.1.0)
        assertThat(SchemaNormalization.parsingFingerprint64(v1)).isEqualTo(9073479449164894714L);
        assertThat(v1.getField("ingested")).isNull();
        GenericRecord evidence = evidence(v1, "They met.");
        GenericRecord old = new GenericData.Record(v1);
        old.put("alertId", "agreement|a|IND|RUS|AGREE");
        old.put("rule", "agreement");
        old.put("severity", "info");
        old.put("pair", "IND-RUS");
        old.put("source", "IND");
        old.put("target", "RUS");
        old.put("type", "AGREE");
        old.put("sectors", List.of("trade"));
        old.put("confidence", 0.9);
        old.put("message", "[info] agreement: IND -> RUS AGREE");
        old.put("evidence", evidence);
        old.put("articleIds", List.of("a"));
        old.put("counts", java.util.Map.of());
        old.put("eventTime", 1000L);
        old.put("created", 2000L);

        Alert read = new AvroSerde<>(Alert.class).decode(singleObject(v1, old));
        assertThat(read.getAlertId()).isEqualTo("agreement|a|IND|RUS|AGREE");
        assertThat(read.getCreated()).isEqualTo(Instant.ofEpochMilli(2000));
        assertThat(read.getIngested()).as("the default of the field added in v2").isNull();
    }

    /** A released (older) schema from the history folder. */
    private static Schema released(String file) throws IOException {
        try (InputStream in = SerdeTest.class.getResourceAsStream("/org/coopwatch/schemas/history/" + file)) {
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The record's evidence field, as the old schema wrote it. */
    private static GenericRecord evidence(Schema writer, String text) {
        GenericRecord evidence = new GenericData.Record(writer.getField("evidence").schema());
        evidence.put("text", text);
        evidence.put("start", 0);
        evidence.put("end", text.length());
        return evidence;
    }

    /**
     * The single-object encoding, written by hand from the spec (marker, writer fingerprint, body), of a record
     * written with an old schema.
     */
    private static byte[] singleObject(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC3);
        out.write(0x01);
        long fp = SchemaNormalization.parsingFingerprint64(writer);
        for (int i = 0; i < 8; i++) out.write((int) (fp >>> (8 * i)) & 0xFF);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Test
    void plainJsonObjectIsAcceptedOnTheRawTopic() {
        String json = "{\"text\":\"India and Russia held talks\",\"title\":\"Talks\",\"published\":\"2025-08-20T10:00:00+05:30\",\"language\":\"en\"}";
        RawArticle a = raw.deserializer().deserialize("articles.raw", json.getBytes(StandardCharsets.UTF_8));
        assertThat(a.getText()).isEqualTo("India and Russia held talks");
        assertThat(a.getId()).startsWith("sha256:");
        assertThat(a.getLanguageHint()).isEqualTo("en");
        assertThat(a.getPublished()).isEqualTo(Instant.parse("2025-08-20T04:30:00Z"));
        assertThat(a.getContentHash()).hasSize(64);
    }

    @Test
    void archiveDatesAreReadAndUnreadableDatesDoNotCostTheArticle() {
        RawArticle reuters = raw.decode("{\"text\":\"x\",\"published\":\"26-FEB-1987 16:23:47.79\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(reuters.getPublished()).isEqualTo(Instant.parse("1987-02-26T16:23:47.790Z"));
        RawArticle vague = raw.decode("{\"text\":\"x\",\"published\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(vague.getText()).isEqualTo("x");
        assertThat(vague.getPublished()).isNull();
    }

    @Test
    void jsonIdAndUrlAreKept() {
        RawArticle byUrl = raw.decode("{\"text\":\"x\",\"url\":\"https://example.org/a\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(byUrl.getId()).isEqualTo("https://example.org/a");
        RawArticle byId = raw.decode("{\"id\":\"mine\",\"text\":\"x\",\"url\":\"https://example.org/a\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(byId.getId()).isEqualTo("mine");
    }

    @Test
    void badInputFailsWithAReason() {
        assertThatThrownBy(() -> raw.decode("{\"id\":\"n1\",\"title\":\"no text\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("'n1'").hasMessageContaining("no \"text\"");
        assertThatThrownBy(() -> raw.decode("{\"text\": \"unterminated".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> raw.decode(new byte[] {0x00, 0x13, 0x7f, 0x55}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("neither Avro");
        byte[] good = raw.encode(article());
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        assertThatThrownBy(() -> raw.decode(truncated)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawArticle");
        byte[] unknown = good.clone();
        unknown[4] ^= 0x5A; // corrupt the fingerprint
        assertThatThrownBy(() -> raw.decode(unknown)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("fingerprint");
    }

    @Test
    void eventsRoundTripAndRenderAsJson() {
        AvroSerde<CooperationEvent> serde = new AvroSerde<>(CooperationEvent.class);
        CooperationEvent e = CooperationEvent.newBuilder().setEventId("a|IND|RUS|CONSULT").setArticleId("a")
                .setPair("IND-RUS").setSource("IND").setTarget("RUS").setType("CONSULT").setCameo("04")
                .setCooperative(true).setSectors(List.of("trade")).setConfidence(0.9)
                .setEvidence(new Evidence("They met.", 0, 9)).setLanguage("en")
                .setEventTime(Instant.ofEpochMilli(0)).build();
        assertThat(serde.decode(serde.encode(e))).isEqualTo(e);
        assertThat(AvroJson.toJson(e)).contains("\"pair\": \"IND-RUS\"").contains("\"sectors\": [\"trade\"]");
    }

    @Test
    void registryNamesTopicsAndPairsAreSorted() {
        Topics t = Topics.defaults();
        assertThat(t.names().all()).containsExactly("articles.raw", "articles.enriched", "events.cooperation",
                "alerts", "aggregates", "coopwatch.dlq");
        assertThat(t.byName("alerts")).isSameAs(t.alerts());
        assertThat(ArticleIds.pair("RUS", "IND")).isEqualTo("IND-RUS");
        assertThat(ArticleIds.of(null, "abc")).isEqualTo(ArticleIds.of("", "abc")).startsWith("sha256:");
    }
}
