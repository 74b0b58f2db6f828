package org.coopwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.coopwatch.schemas.topic.TopicNames;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    private static SinkConfig.Builder valid() {
        return SinkConfig.builder().bootstrapServers("127.0.0.1:9092").jdbcUrl("jdbc:sqlite:/tmp/x.db");
    }

    @Test
    void theConsumerAlwaysReadsCommittedAndCommitsItself() {
        SinkConfig config = valid().clientProperties(Map.of(
                "isolation.level", "read_uncommitted", "enable.auto.commit", "true",
                "security.protocol", "SASL_SSL", "max.poll.records", "100")).build();
        Map<String, Object> p = Sink.consumerProperties(config);
        assertThat(p).containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("group.id", "coopwatch-sink")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.poll.records", "100");
    }

    @Test
    void bootstrapServersMayComeWithTheClientProperties() {
        SinkConfig config = SinkConfig.builder().jdbcUrl("jdbc:sqlite:x.db")
                .clientProperties(Map.of("bootstrap.servers", "k1:9092,k2:9092")).groupId("g2").build();
        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(Sink.consumerProperties(config)).containsEntry("group.id", "g2");
    }

    @Test
    void defaults() {
        SinkConfig config = valid().build();
        assertThat(config.groupId()).isEqualTo("coopwatch-sink");
        assertThat(config.topics()).isEqualTo(TopicNames.DEFAULTS);
        assertThat(config.tablePrefix()).isEmpty();
        assertThat(config.outputDir()).isNull();
        assertThat(config.deadLetters()).isTrue();
    }

    @Test
    void badSettingsAreRejectedWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> SinkConfig.builder().jdbcUrl("jdbc:sqlite:x.db").build())
                .hasMessageContaining("bootstrap servers");
        assertThatThrownBy(() -> SinkConfig.builder().bootstrapServers("h:1").build())
                .hasMessageContaining("JDBC URL");
        assertThatThrownBy(() -> valid().jdbcUrl("jdbc:oracle:thin:@h:1521:x").build())
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> valid().tablePrefix("bad-prefix").build())
                .hasMessageContaining("table prefix");
    }

    @Test
    void describingTheConfigMasksTheDatabasePassword() {
        SinkConfig config = valid().jdbcUrl("jdbc:postgresql://db:5432/cw?user=cw&password=hunter2")
                .outputDir(Path.of("out")).build();
        assertThat(config.toString()).doesNotContain("hunter2").contains("password=****").contains("out");
    }
    @Test
    void webhooksAreListedWithTheirSecretsMasked() {
        SinkConfig config = valid()
                .webhook(org.coopwatch.sink.webhook.Webhook.of("https://chat.example/services/T1/B2/s3cr3t")
                        .withHeader("Authorization", "Bearer t0ken"))
                .webhook(org.coopwatch.sink.webhook.Webhook.of("http://127.0.0.1:9000/hook?token=abc").withMinSeverity("critical"))
                .build();
        assertThat(config.webhooks()).hasSize(2);
        assertThat(config.webhookSettings()).isEqualTo(org.coopwatch.sink.webhook.WebhookSettings.defaults());
        assertThat(config.toString()).doesNotContain("s3cr3t", "t0ken", "abc")
                .contains("webhooks=[https://chat.example/services/*** (headers Authorization), "
                        + "http://127.0.0.1:9000/hook?token=*** (critical and above)]");
        assertThat(valid().build().webhooks()).isEmpty();
    }
}
