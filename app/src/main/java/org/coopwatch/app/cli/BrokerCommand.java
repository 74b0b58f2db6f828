package org.coopwatch.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.coopwatch.app.CliException;
import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.kafka.KafkaClients;
import org.coopwatch.app.kafka.TopicAdmin;
import org.coopwatch.broker.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run a single-node Kafka broker in this process until Ctrl-C.",
        description = {"A real Kafka broker (KRaft, combined broker and controller) for development and demos. "
            + "Its data lives in --data-dir: a restart keeps topics, records and consumer offsets. "
            + "It listens on 127.0.0.1 only and creates coopwatch's topics unless --no-topics. "
            + "Production uses a real cluster (see docker-compose.yml)."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch broker",
            "  coopwatch broker --port 19092 --data-dir /tmp/cw",
            "  coopwatch -b 127.0.0.1:19092 tail alerts          # in another terminal"})
public final class BrokerCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "Where the broker keeps its data (default: data.dir setting, else ./coopwatch-data).")
    Path dataDir;

    @Option(names = "--no-topics", description = "Do not create coopwatch's topics.")
    boolean noTopics;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535, got " + port, 2, null);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put(CoopwatchConfig.DATA_DIR, dataDir.toString());
        }
        CoopwatchConfig config = main.config(flags);
        try (Shutdown shutdown = new Shutdown()) {
            EmbeddedKafka kafka = shutdown.register("Kafka broker", startBroker(config.dataDir(), port));
            config = config.with(CoopwatchConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            System.out.println("Kafka " + EmbeddedKafka.kafkaVersion() + " broker ready at " + kafka.bootstrapServers()
                    + " (data in " + config.dataDir().toAbsolutePath().normalize() + ")");
            if (!noTopics) {
                try (Admin admin = KafkaClients.admin(config)) {
                    TopicsCommand.print(ensureTopics(admin, config), System.out);
                }
            }
            System.out.println("Press Ctrl-C to stop.");
            System.out.flush();
            shutdown.await();
        }
        System.out.println("Broker stopped.");
        return 0;
    }

    /** Starts the embedded broker; a busy port or data directory becomes one clear sentence. */
    public static EmbeddedKafka startBroker(Path dataDir, int port) {
        try {
            return EmbeddedKafka.start(dataDir, port);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            String msg = String.valueOf(e.getMessage());
            String hint = msg.contains("already in use")
                    ? " (a broker already running there can be used with -b 127.0.0.1:" + port + "; or pick another --port)"
                    : msg.contains("already using") ? " (stop it, or pick another --data-dir)" : "";
            throw new CliException(msg + hint, e);
        }
    }

    static List<TopicAdmin.TopicState> ensureTopics(Admin admin, CoopwatchConfig config) {
        int brokers = KafkaClients.awaitCluster(admin, config).size();
        TopicAdmin topics = new TopicAdmin(admin, config.connectTimeout());
        return topics.ensure(TopicAdmin.specs(config, brokers));
    }
}
