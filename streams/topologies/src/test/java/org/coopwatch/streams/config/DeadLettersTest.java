package org.coopwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Map<String, Object> CONFIG = Map.of(
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "coopwatch.dlq",
            "producer.max.request.size", "65536");

    @Test
    void anUnreadableRecordGoesToTheDlqByteForByteWhenItFits() {
        byte[] value = new byte[1000];
        DeserializationExceptionHandler.Response r = deserialization().handleError(context(7, value),
                raw(7, value), new SerializationException("raw article is not valid JSON"));

        assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).singleElement().satisfies(d -> {
            assertThat(d.topic()).isEqualTo("coopwatch.dlq");
            assertThat(d.value()).isEqualTo(value);
            assertThat(d.headers().lastHeader(DeadLetters.VALUE_OMITTED)).isNull();
        });
    }

    @Test
    void anUnreadableRecordTooLargeForKafkaGoesToTheDlqWithoutItsValueNamingWhereItIs() {
        byte[] value = new byte[100_000];
        DeserializationExceptionHandler.Response r = deserialization().handleError(context(42, value),
                raw(42, value), new SerializationException("raw article is not valid JSON"));

        assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).singleElement().satisfies(d -> {
            assertThat(d.value()).isNull();
            assertThat(d.key()).isEqualTo(bytes("huge"));
            assertThat(header(d.headers(), "__streams.errors.offset")).isEqualTo("42");
            assertThat(header(d.headers(), "__streams.errors.message")).contains("not valid JSON");
            assertThat(header(d.headers(), DeadLetters.VALUE_OMITTED)).contains("value of 100000 bytes left out", "over the 65536 bytes", "articles.raw-0@42");
            assertThat(DeadLetters.size(d)).isLessThanOrEqualTo(65536);
        });
    }

    @Test
    void aDeadLetterKafkaRefusesStopsTheStageNamingTheRecordWithoutADeadLetterOfTheDeadLetter() {
        ProductionExceptionHandler.Response r = production().handleError(context(-1, new byte[16]),
                deadLetter(), new TimeoutException("no broker"));
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(r.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void anOutputRecordKafkaRefusesStopsTheStage() {
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("articles.enriched", bytes("a1"), new byte[10]);
        ProductionExceptionHandler.Response r = production().handleError(context(3, new byte[16]), output,
                new RecordTooLargeException("2000000 bytes"));
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void theLimitIsTheProducersMaxRequestSize() {
        assertThat(DeadLetters.maxRecordBytes(CONFIG)).isEqualTo(65536);
        assertThat(DeadLetters.maxRecordBytes(Map.of("max.request.size", 2048))).isEqualTo(2048);
        assertThat(DeadLetters.maxRecordBytes(Map.of())).isEqualTo(1 << 20);
        Optional<String> fromSettings = Optional.ofNullable(StreamsSettings.builder("b:1").build()
                .forStage(Stage.ENRICH).getProperty("producer.max.request.size"));
        assertThat(fromSettings).contains(String.valueOf(StreamsSettings.MAX_REQUEST_SIZE));
    }

    private static DeadLetters.Deserialization deserialization() {
        DeadLetters.Deserialization h = new DeadLetters.Deserialization();
        h.configure(CONFIG);
        return h;
    }

    private static DeadLetters.Production production() {
        DeadLetters.Production h = new DeadLetters.Production();
        h.configure(CONFIG);
        return h;
    }

    private static ConsumerRecord<byte[], byte[]> raw(long offset, byte[] value) {
        return new ConsumerRecord<>("articles.raw", 0, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                4, value.length, bytes("huge"), value, new RecordHeaders(), Optional.empty());
    }

    private static ProducerRecord<byte[], byte[]> deadLetter() {
        Headers headers = new RecordHeaders()
                .add("__streams.errors.topic", bytes("articles.raw"))
                .add("__streams.errors.partition", bytes("0"))
                .add("__streams.errors.offset", bytes("42"));
        return new ProducerRecord<>("coopwatch.dlq", null, bytes("huge"), new byte[16], headers);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Kafka gives a production error of a DLQ record no timestamp (-1). */
    private static ErrorHandlerContext context(long offsetOrMinusOne, byte[] value) {
        long timestamp = offsetOrMinusOne < 0 ? -1 : 1_700_000_000_000L;
        long offset = Math.max(offsetOrMinusOne, 0);
        return new ErrorHandlerContext() {
            @Override public String topic() { return "articles.raw"; }
            @Override public int partition() { return 0; }
            @Override public long offset() { return offset; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "enrich-raw-articles-source"; }
            @Override public TaskId taskId() { return new TaskId(0, 0); }
            @Override public long timestamp() { return timestamp; }
            @Override public byte[] sourceRawKey() { return bytes("huge"); }
            @Override public byte[] sourceRawValue() { return value; }
        };
    }
}
