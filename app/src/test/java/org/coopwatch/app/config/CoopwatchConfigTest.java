package org.coopwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoopwatchConfigTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("coopwatch.properties");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path f = file("""
                bootstrap.servers=file:9092
                topic.raw=file.raw
                topic.alerts=file.alerts
                application.id.prefix=file-app
                """);
        Map<String, String> env = Map.of(
                "COOPWATCH_BOOTSTRAP_SERVERS", "env:9092",
                "COOPWATCH_TOPIC_RAW", "env.raw",
                "PATH", "/usr/bin");
        Map<String, String> flags = Map.of("bootstrap.servers", "flag:9092");

        CoopwatchConfig c = CoopwatchConfig.resolve(flags, env, f);

        assertThat(c.bootstrapServersOrDefault()).isEqualTo("flag:9092");
        assertThat(c.sourceOf("bootstrap.servers")).isEqualTo(CoopwatchConfig.Source.FLAG);
        assertThat(c.topicNames().raw()).isEqualTo("env.raw");
        assertThat(c.sourceOf("topic.raw")).isEqualTo(CoopwatchConfig.Source.ENVIRONMENT);
        assertThat(c.topicNames().alerts()).isEqualTo("file.alerts");
        assertThat(c.sourceOf("topic.alerts")).isEqualTo(CoopwatchConfig.Source.FILE);
        assertThat(c.applicationIdPrefix()).isEqualTo("file-app");
        assertThat(c.topicNames().events()).isEqualTo("events.cooperation");
        assertThat(c.sourceOf("topic.events")).isEqualTo(CoopwatchConfig.Source.DEFAULT);
        assertThat(c.settings()).doesNotContainKey("path");
    }

    @Test
    void defaultsWithoutAnySetting() {
        CoopwatchConfig c = CoopwatchConfig.defaults();
        assertThat(c.bootstrapServers()).isEmpty();
        assertThat(c.bootstrapServersOrDefault()).isEqualTo("127.0.0.1:9092");
        assertThat(c.partitions()).isEqualTo(6);
        assertThat(c.replicationFactor()).isEmpty();
        assertThat(c.dataDir()).isEqualTo(Path.of("coopwatch-data"));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.topicNames().all()).containsExactly("articles.raw", "articles.enriched",
                "events.cooperation", "alerts", "aggregates", "coopwatch.dlq");
    }

    @Test
    void kafkaSettingsFromEveryPlaceReachTheClientsWithoutPrefix() throws IOException {
        Path f = file("""
                kafka.sasl.mechanism=PLAIN
                kafka.security.protocol=SASL_PLAINTEXT
                """);
        Map<String, String> env = Map.of("COOPWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        Map<String, String> flags = Map.of("kafka.ssl.truststore.location", "/etc/ts.p12", "bootstrap.servers", "k:9093");

        CoopwatchConfig c = CoopwatchConfig.resolve(flags, env, f);

        assertThat(c.kafkaProperties()).containsOnly(
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.location", "/etc/ts.p12"));
        assertThat(c.clientProperties())
                .containsEntry("bootstrap.servers", "k:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("kafka.security.protocol");
    }

    @Test
    void environmentNamesMapToDottedKeys() {
        assertThat(CoopwatchConfig.envToKey("COOPWATCH_KAFKA_SASL_JAAS_CONFIG")).isEqualTo("kafka.sasl.jaas.config");
        assertThat(CoopwatchConfig.envToKey("COOPWATCH_DATA_DIR")).isEqualTo("data.dir");
        assertThat(CoopwatchConfig.fromEnvironment(Map.of("COOPWATCH_CONFIG", "/x.properties", "COOPWATCH_", "x")))
                .isEmpty();
        assertThat(CoopwatchConfig.configFileFromEnvironment(Map.of("COOPWATCH_CONFIG", "/etc/cw.properties")))
                .isEqualTo(Path.of("/etc/cw.properties"));
    }

    @Test
    void withReplacesOneSettingAndKeepsTheRest() {
        CoopwatchConfig c = CoopwatchConfig.resolve(Map.of("topic.raw", "r"), Map.of(), null);
        CoopwatchConfig d = c.with("bootstrap.servers", "127.0.0.1:4242");
        assertThat(d.bootstrapServersOrDefault()).isEqualTo("127.0.0.1:4242");
        assertThat(d.topicNames().raw()).isEqualTo("r");
        assertThat(c.bootstrapServers()).isEmpty();
    }

    @Test
    void badValuesAreRejectedWithTheSettingName() throws IOException {
        assertThatThrownBy(() -> CoopwatchConfig.resolve(Map.of("topic.partitions", "zero"), Map.of(), null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("topic.partitions must be a positive whole number, got 'zero'");
        assertThatThrownBy(() -> CoopwatchConfig.resolve(Map.of(), Map.of("COOPWATCH_TOPIC_REPLICATION_FACTOR", "-1"), null))
                .hasMessageContaining("topic.replication.factor");
        assertThatThrownBy(() -> CoopwatchConfig.resolve(Map.of("topic.raw", "bad name!"), Map.of(), null))
                .hasMessageContaining("not a valid Kafka topic name");
        assertThatThrownBy(() -> CoopwatchConfig.resolve(Map.of("connect.timeout", "soon"), Map.of(), null))
                .hasMessageContaining("connect.timeout must be a duration");
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> CoopwatchConfig.resolve(Map.of(), Map.of(), missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file not found: " + missing);
    }

    @Test
    void durationsAcceptUnits() {
        assertThat(CoopwatchConfig.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CoopwatchConfig.duration("k", "15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(CoopwatchConfig.duration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CoopwatchConfig.duration("k", "250")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void describeMasksSecretsButShowsTheRest() throws IOException {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";";
        Path f = file("kafka.sasl.jaas.config=" + jaas.replace("\"", "\\\"") + "\n");
        Map<String, String> env = Map.of("COOPWATCH_KAFKA_SSL_KEY_PASSWORD", "s3cret");
        Map<String, String> flags = Map.of(
                "sink.jdbc.url", "jdbc:postgresql://db:5432/cw?user=cw&password=pgpass",
                "kafka.security.protocol", "SASL_SSL");

        CoopwatchConfig c = CoopwatchConfig.resolve(flags, env, f);
        String shown = String.join("\n", c.describe()) + "\n" + c;

        assertThat(shown).doesNotContain("hunter2", "s3cret", "pgpass");
        assertThat(shown).contains("kafka.sasl.jaas.config = ********  (file)")
                .contains("kafka.ssl.key.password = ********  (environment)")
                .contains("sink.jdbc.url = jdbc:postgresql://db:5432/cw?user=cw&password=********  (flag)")
                .contains("kafka.security.protocol = SASL_SSL  (flag)");
        // the clients still get the real value
        assertThat(c.kafkaProperties()).containsEntry("sasl.jaas.config", jaas);
    }

    @Test
    void typosAreListedAsUnknownButPassThroughFamiliesAreNot() {
        CoopwatchConfig c = CoopwatchConfig.resolve(
                Map.of("bootstrap.server", "x:9092", "kafka.anything.at.all", "1", "sink.jdbc.url", "jdbc:sqlite:x",
                        "streams.num.standby.replicas", "1", "web.port", "0"),
                Map.of("COOPWATCH_TOPIC_ALERT", "a", "COOPWATCH_DEBUG", "true", "COOPWATCH_NO_BUILD", "1"), null);
        assertThat(c.unknownSettings()).containsExactly(
                "bootstrap.server (command line)", "topic.alert (environment variable COOPWATCH_TOPIC_ALERT)");
    }
}
