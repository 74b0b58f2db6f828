package org.coopwatch.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.RecordPrinter;
import org.coopwatch.app.kafka.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print a topic's records as JSON Lines, decoded.",
        description = {"Avro values are printed as JSON objects; dead-letter records as their error headers "
            + "(exception, source topic, partition, offset) and the failed payload. "
            + "Reads committed data only (read_committed) and joins no consumer group, so it moves no offsets. "
            + "Without --from-beginning it shows new records; it follows until Ctrl-C unless --max or --no-follow."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch tail alerts",
            "  coopwatch tail events.cooperation --from-beginning --max 5",
            "  coopwatch tail coopwatch.dlq --from-beginning --no-follow --full"})
public final class TailCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "TOPIC",
            description = "Topic to read: articles.raw, articles.enriched, events.cooperation, alerts, aggregates, "
                    + "coopwatch.dlq (or their configured names), or any other topic.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record still kept.")
    boolean fromBeginning;

    @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--no-follow", description = "Stop at the end of what the topic holds now.")
    boolean noFollow;

    @Option(names = "--full", description = "Do not shorten long texts, stack traces and binary previews.")
    boolean full;

    @Override
    public Integer call() {
        if (max != null && max <= 0) {
            throw new CliException("--max must be at least 1", 2, null);
        }
        CoopwatchConfig config = main.config(Map.of());
        try (Admin admin = KafkaClients.admin(config)) {
            KafkaClients.awaitCluster(admin, config);
            new TopicAdmin(admin, config.connectTimeout()).requireExisting(List.of(topic));
        }
        RecordPrinter printer = new RecordPrinter(config.topics(), full);
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "coopwatch-tail");
        PrintStream out = System.out;
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             Shutdown shutdown = new Shutdown()) {
            shutdown.register("tail", consumer::wakeup);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, config.connectTimeout()).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> stopAt = noFollow ? consumer.endOffsets(partitions) : Map.of();
            try {
                while (max == null || printed < max) {
                    if (noFollow && caughtUp(consumer, stopAt)) {
                        break;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        out.println(printer.toJson(r));
                        printed++;
                        if (max != null && printed >= max) {
                            break;
                        }
                    }
                    out.flush();
                }
            } catch (WakeupException stopped) {
                // Ctrl-C
            }
        }
        out.flush();
        return 0;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> stopAt) {
        for (Map.Entry<TopicPartition, Long> e : stopAt.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
