package org.coopwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final String TOPIC = "embedded.it";

    @TempDir
    Path dir;

    @Test
    void transactionsCommitAndDataSurvivesARestartOnTheSameDirectory() throws Exception {
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            port = kafka.port();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "it-tx")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k1", "committed-1"));
                producer.send(new ProducerRecord<>(TOPIC, "k2", "committed-2"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k3", "aborted"));
                producer.flush();
                producer.abortTransaction();
            }
            try (KafkaConsumer<String, String> consumer = readCommittedConsumer(kafka, "it-group")) {
                consumer.subscribe(List.of(TOPIC));
                List<String> values = pollValues(consumer, 2);
                assertThat(values).containsExactlyInAnyOrder("committed-1", "committed-2");
                consumer.commitSync();
            }
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.restart();
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(topicValues(kafka)).containsExactlyInAnyOrder("committed-1", "committed-2");
        }

        // A new instance (new controller port) on the same directory: same topic, data and offsets.
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            try (Admin admin = admin(again)) {
                Map<String, TopicDescription> topics = admin.describeTopics(Set.of(TOPIC)).allTopicNames().get();
                assertThat(topics.get(TOPIC).partitions()).hasSize(3);
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("it-group").partitionsToOffsetAndMetadata().get();
                long committedTotal = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                // 2 committed records + 2 transaction markers + 1 aborted record lie before the committed offsets
                assertThat(committedTotal).isGreaterThanOrEqualTo(2);
            }
            assertThat(topicValues(again)).containsExactlyInAnyOrder("committed-1", "committed-2");
        }
    }

    @Test
    void aSecondBrokerOnALockedDirectoryFailsWithAClearMessage() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(kafka.isRunning()).isTrue();
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, 0))
                    .hasMessageContaining("already using the data directory " + dir);
            assertThat(kafka.isRunning()).isTrue();
        }
        // closed: the directory is free again
        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            assertThat(again.isRunning()).isTrue();
        }
    }

    @Test
    void aPortInUseIsReportedBeforeKafkaStarts(@TempDir Path other) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedKafka.start(other, kafka.port()))
                    .hasMessage("port " + kafka.port() + " on 127.0.0.1 is already in use");
        }
        // the failed start released its directory
        try (EmbeddedKafka kafka = EmbeddedKafka.start(other, 0)) {
            assertThat(kafka.dataDir()).isEqualTo(other.toAbsolutePath().normalize());
        }
    }

    private static List<String> topicValues(EmbeddedKafka kafka) {
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(kafka, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return pollValues(consumer, 2);
        }
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        // bounded: 60 polls of at most 1 s, then whatever arrived is checked by the caller
        for (int i = 0; i < 60 && values.size() < expected; i++) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                values.add(r.value());
            }
        }
        // one more short poll: an aborted record that leaked through would show up here
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        return values;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka, String txId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(EmbeddedKafka kafka, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
