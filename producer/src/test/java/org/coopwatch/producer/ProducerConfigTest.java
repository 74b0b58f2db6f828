package org.coopwatch.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {

    @Test
    void defaultsAreIdempotentAcksAllCompressedWithRoomForLargeArticles() {
        Map<String, Object> c = ArticlePublisher.producerConfig("127.0.0.1:9092", Map.of());
        assertThat(c).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "zstd")
                .containsEntry("max.request.size", String.valueOf(8 << 20))
                .containsEntry("delivery.timeout.ms", "300000");
    }

    @Test
    void clientPropertiesPassThroughAndWin() {
        Map<String, Object> c = ArticlePublisher.producerConfig("h:1", Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "linger.ms", "100", "acks", "-1"));
        assertThat(c).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("linger.ms", "100")
                .containsEntry("acks", "all");
    }

    @Test
    void settingsThatWouldLoseOrDuplicateArticlesAreRefused() {
        assertThatThrownBy(() -> ArticlePublisher.producerConfig("h:1", Map.of("acks", "1")))
                .isInstanceOf(PublishException.class).hasMessageContaining("acks=1 is not allowed");
        assertThatThrownBy(() -> ArticlePublisher.producerConfig("h:1", Map.of("enable.idempotence", "false")))
                .isInstanceOf(PublishException.class).hasMessageContaining("retry can write an article twice");
        assertThatThrownBy(() -> ArticlePublisher.producerConfig("h:1", Map.of("transactional.id", "x")))
                .isInstanceOf(PublishException.class);
        assertThatThrownBy(() -> ArticlePublisher.producerConfig(" ", Map.of()))
                .isInstanceOf(PublishException.class).hasMessageContaining("bootstrap");
    }
}
