package org.coopwatch.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.schemas.serde.RawArticleSerde;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;

/** Topic set-up and read-back for the producer's ITs on the embedded broker. */
public final class TestTopics {

    private TestTopics() {}

    public static void create(EmbeddedKafka kafka, String name, int partitions) throws ExecutionException, InterruptedException {
        create(kafka, name, partitions, Map.of());
    }

    /** A topic with topic-level configs, e.g. {@code max.message.bytes}. */
    public static void create(EmbeddedKafka kafka, String name, int partitions, Map<String, String> configs)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    public static ArticlePublisher publisher(EmbeddedKafka kafka, String topic, ReadOptions options) {
        return ArticlePublisher.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(new Topics(TopicNames.withOverrides(Map.of("raw", topic))).raw())
                .readOptions(options)
                .stdin(new java.io.ByteArrayInputStream(new byte[0]))
                .build();
    }

    /** Every record of the topic, from the start to the end offsets seen now, read_committed. */
    public static List<ConsumerRecord<String, RawArticle>> readAll(EmbeddedKafka kafka, String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, RawArticle>> out = new ArrayList<>();
        try (KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new RawArticleSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // a bound so a bug cannot hang the build; the assertions are on what was read, not on time
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to " + end);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
