package org.coopwatch.app.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Create coopwatch's topics where they are missing and show all of them.",
        description = {"Existing topics are never changed: one whose partitions or replicas differ from the "
            + "settings is reported, so an operator can decide (adding partitions moves keys to other partitions). "
            + "Replicas default to min(3, brokers): 1 on the embedded broker, 3 on a cluster, where topics also "
            + "get min.insync.replicas=2."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch topics",
            "  coopwatch -b kafka1:9092 topics --partitions 12 --replication-factor 3",
            "  coopwatch -D topic.raw=team.articles.raw topics"})
public final class TopicsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions for new topics (setting topic.partitions, default 6).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
            description = "Replicas for new topics (setting topic.replication.factor, default min(3, brokers)).")
    Integer replicationFactor;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (partitions != null) {
            flags.put(CoopwatchConfig.PARTITIONS, String.valueOf(partitions));
        }
        if (replicationFactor != null) {
            flags.put(CoopwatchConfig.REPLICATION_FACTOR, String.valueOf(replicationFactor));
        }
        CoopwatchConfig config = main.config(flags);
        try (Admin admin = KafkaClients.admin(config)) {
            List<TopicAdmin.TopicState> states = BrokerCommand.ensureTopics(admin, config);
            System.out.println("Kafka at " + config.bootstrapServersOrDefault());
            print(states, System.out);
        }
        return 0;
    }

    static void print(List<TopicAdmin.TopicState> states, PrintStream out) {
        int width = Math.max(5, states.stream().mapToInt(s -> s.name().length()).max().orElse(5));
        out.printf("%-" + width + "s  %10s  %8s  %s%n", "TOPIC", "PARTITIONS", "REPLICAS", "STATUS");
        for (TopicAdmin.TopicState s : states) {
            String status = s.created() ? "created" : "exists";
            if (!s.matches()) {
                status += " (differs: " + s.difference() + ")";
            }
            out.printf("%-" + width + "s  %10d  %8d  %s%n", s.name(), s.partitions(), s.replicationFactor(), status);
        }
    }
}
