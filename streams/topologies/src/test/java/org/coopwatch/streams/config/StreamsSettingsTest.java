package org.coopwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.coopwatch.schemas.topic.TopicNames;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void eachStageIsItsOwnApplicationWithExactlyOnceAndTheDlq() {
        StreamsSettings s = StreamsSettings.builder("broker:9092").stateDir(Path.of("/var/lib/coopwatch")).build();

        for (Stage stage : Stage.values()) {
            Properties p = s.forStage(stage);
            assertThat(p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("coopwatch-" + stage.id());
            assertThat(p.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
            assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
            assertThat(p.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
            assertThat(p.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/coopwatch");
            assertThat(p.getProperty(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo("true");
            assertThat(p.getProperty(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG)).isEqualTo("all");
            assertThat(p.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("coopwatch.dlq");
            assertThat(p.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetters.Deserialization.class.getName());
            assertThat(p.getProperty(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetters.Processing.class.getName());
            assertThat(p.getProperty(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetters.Production.class.getName());
            assertThat(p.getProperty("producer.max.request.size")).isEqualTo(String.valueOf(8 << 20));
            // Kafka accepts the whole set
            assertThat(new StreamsConfig(p).getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("coopwatch-" + stage.id());
            // the partition assignor reads its StreamsConfig from the main consumer's settings: the global
            // processing handler must be on there too, or every start logs a warning that it is off
            Map<String, Object> consumer = new StreamsConfig(p).getMainConsumerConfigs("g", "c", 0);
            assertThat(new StreamsConfig(consumer).getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
        }
    }

    @Test
    void optionsAndPassThroughPropertiesApply() {
        StreamsSettings s = StreamsSettings.builder("b:1")
                .applicationIdPrefix("cw-test")
                .processingGuarantee("at_least_once")
                .commitInterval(Duration.ofMillis(250))
                .threads(Stage.ENRICH, 3)
                .topics(TopicNames.withOverrides(Map.of("dlq", "team.dlq")))
                .clientProperties(Map.of("security.protocol", "SASL_SSL", "commit.interval.ms", "5000",
                        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";"))
                .build();

        Properties enrich = s.forStage(Stage.ENRICH);
        assertThat(enrich.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("cw-test-enrich");
        assertThat(enrich.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("3");
        assertThat(s.forStage(Stage.ALERTS).getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("1");
        assertThat(enrich.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(enrich.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("team.dlq");
        assertThat(enrich.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(enrich.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as("pass-through wins").isEqualTo("5000");
        String logged = StreamsSettings.describe(enrich);
        assertThat(logged).contains("sasl.jaas.config=[hidden]", "security.protocol=SASL_SSL").doesNotContain("s3cret");
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        assertThatThrownBy(() -> StreamsSettings.builder(" ")).hasMessageContaining("bootstrap servers are required");
        assertThatThrownBy(() -> StreamsSettings.builder("b:1").processingGuarantee("exactly_once"))
                .hasMessageContaining("exactly_once_v2 or at_least_once");
        assertThatThrownBy(() -> StreamsSettings.builder("b:1").applicationIdPrefix("co op")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> StreamsSettings.builder("b:1").threads(Stage.EVENTS, 0)).hasMessageContaining("events");
        assertThatThrownBy(() -> Stage.fromId("classify")).hasMessageContaining("enrich, events, alerts, aggregates");
        assertThat(Stage.fromId(" Alerts ")).isEqualTo(Stage.ALERTS);
    }
}
