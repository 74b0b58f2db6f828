package org.coopwatch.web.health;

import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A Kafka Streams application of this process, as shown on the health panel and in {@code /metrics}.
 *
 * @param name          the stage, e.g. "enrich" or "aggregates"
 * @param applicationId its application.id, which is also its consumer group
 */
public record PipelineStage(String name, String applicationId, KafkaStreams streams) {
    public PipelineStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(streams, "streams");
    }
}
