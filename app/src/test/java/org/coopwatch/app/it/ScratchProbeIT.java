package org.coopwatch.app.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.*;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.app.pipeline.StreamsRunner;
import org.coopwatch.broker.EmbeddedKafka;
import org.coopwatch.streams.config.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchProbeIT {
    @TempDir Path dir;

    @Test
    void probe() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("b"), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            CoopwatchConfig config = CoopwatchConfig.resolve(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "data.dir", dir.resolve("d").toString(), "topic.partitions", "1", "streams.commit.interval.ms", "200"), Map.of(), null);
            new TopicAdmin(admin, Duration.ofSeconds(30)).ensure(TopicAdmin.specs(config, 1));
            StreamsRunner streams = new StreamsRunner(config, EnumSet.allOf(Stage.class));
            streams.start();
            System.out.println("PROBE running=" + streams.awaitRunning(Duration.ofSeconds(60)));
            String mode = System.getProperty("probe.mode", "dense");
            StringBuilder sb = new StringBuilder();
            byte[] value;
            if (mode.equals("dense")) {
                sb.append("{\"id\":\"dense\",\"text\":\"");
                int i = 0;
                while (sb.length() < 10_000_000) sb.append("India and Russia signed an agreement on energy cooperation in Moscow on day ").append(i++).append(". ");
                sb.append("\"}");
            } else {
                sb.append("{\"id\":\"broken\",\"text\":\"");
                while (sb.length() < 10_000_000) sb.append("The committee met again in the afternoon. ");
            }
            value = sb.toString().getBytes(StandardCharsets.UTF_8);
            Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
            try (KafkaProducer<byte[], byte[]> prod = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                System.out.println("PROBE sent " + prod.send(new ProducerRecord<>("articles.raw", mode.getBytes(), value)).get());
                prod.send(new ProducerRecord<>("articles.raw", null, "{\"id\":\"after\",\"text\":\"China and Brazil held talks on space cooperation in Beijing.\"}".getBytes())).get();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean seen = false;
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of("events.cooperation", "coopwatch.dlq", "articles.enriched"));
                while (System.nanoTime() < deadline && !seen) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        System.out.println("PROBE got " + r.topic() + " key=" + r.key() + " bytes=" + r.value().length);
                        if (r.topic().equals("events.cooperation") && new String(r.value(), StandardCharsets.ISO_8859_1).contains("after")) seen = true;
                    }
                    if (!streams.failures().isEmpty()) { System.out.println("PROBE failures " + streams.failures()); break; }
                }
            }
            System.out.println("PROBE seen-after=" + seen + " failures=" + streams.failures() + " states=" + streams.describeStates());
            streams.close();
        }
    }
}
