package org.coopwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void secretKeysAreRecognised() {
        assertThat(Secrets.isSecret("kafka.sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecret("kafka.ssl.key.password")).isTrue();
        assertThat(Secrets.isSecret("kafka.ssl.keystore.password")).isTrue();
        assertThat(Secrets.isSecret("kafka.ssl.keystore.key")).isTrue();
        assertThat(Secrets.isSecret("sink.webhook.secret")).isTrue();
        assertThat(Secrets.isSecret("kafka.basic.auth.user.info")).isTrue();
        assertThat(Secrets.isSecret("SINK.JDBC.PASSWORD")).isTrue();
        assertThat(Secrets.isSecret("api.key")).isTrue();
    }

    @Test
    void ordinaryKeysAreShown() {
        assertThat(Secrets.isSecret("kafka.key.serializer")).isFalse();
        assertThat(Secrets.isSecret("kafka.security.protocol")).isFalse();
        assertThat(Secrets.isSecret("kafka.ssl.keystore.location")).isFalse();
        assertThat(Secrets.isSecret("kafka.sasl.oauthbearer.token.endpoint.url")).isFalse();
        assertThat(Secrets.isSecret("topic.raw")).isFalse();
        assertThat(Secrets.isSecret("bootstrap.servers")).isFalse();
    }

    @Test
    void credentialsInsideUrlsAreCutOut() {
        assertThat(Secrets.display("sink.url", "postgresql://cw:pgpass@db:5432/cw"))
                .isEqualTo("postgresql://cw:********@db:5432/cw");
        assertThat(Secrets.display("sink.jdbc.url", "jdbc:postgresql://db/cw?user=a&password=x1&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/cw?user=a&password=********&ssl=true");
        assertThat(Secrets.display("bootstrap.servers", "k1:9092,k2:9092")).isEqualTo("k1:9092,k2:9092");
    }

    @Test
    void maskedMapsKeepKeysAndHideValues() {
        assertThat(Secrets.masked(Map.of("kafka.sasl.jaas.config", "x password=\"p\"", "topic.raw", "r")))
                .containsExactly(Map.entry("kafka.sasl.jaas.config", Secrets.MASK), Map.entry("topic.raw", "r"));
    }

    @Test
    void webhookUrlsAndHeaderValuesAreMasked() {
        assertThat(Secrets.display("sink.webhooks", "https://hooks.example.org/services/T1/B2/XYZ,http://h:8080/a?token=q"))
                .isEqualTo("https://hooks.example.org/services/***,http://h:8080/a?token=***");
        assertThat(Secrets.display("sink.webhook.headers", "Authorization: Bearer abc, X-Key: k"))
                .isEqualTo("Authorization: ********, X-Key: ********");
        assertThat(Secrets.display("sink.webhook.min.severity", "warning")).isEqualTo("warning");
    }
}
