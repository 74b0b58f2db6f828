package org.coopwatch.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.coopwatch.app.cli.BenchCommand;
import org.coopwatch.app.cli.BrokerCommand;
import org.coopwatch.app.cli.ClassifyCommand;
import org.coopwatch.app.cli.ConfigCommand;
import org.coopwatch.app.cli.ProduceCommand;
import org.coopwatch.app.cli.RulesCommand;
import org.coopwatch.app.cli.RunCommand;
import org.coopwatch.app.cli.SinkCommand;
import org.coopwatch.app.cli.StreamsCommand;
import org.coopwatch.app.cli.TailCommand;
import org.coopwatch.app.cli.TopicsCommand;
import org.coopwatch.app.config.ConfigException;
import org.coopwatch.app.config.CoopwatchConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code coopwatch} command line: one launcher for the broker, the pipeline stages and the tools. */
@Command(name = "coopwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        header = "News in, typed cooperation events between countries out: a Kafka pipeline and its tools.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "coopwatch reads news articles (Hindi, English, Russian, ...), finds the countries in them and what "
                + "they do to each other (PLOVER event types such as AGREE, CONSULT, THREATEN, with sectors), and "
                + "streams the results through Kafka topics to alerts, aggregates and databases.",
            "",
            "Settings come from flags, then COOPWATCH_* environment variables, then a properties file "
                + "(--config FILE), with the same keys everywhere: bootstrap.servers, data.dir, topic.raw, "
                + "topic.partitions, application.id.prefix, ... (COOPWATCH_TOPIC_RAW in the environment). "
                + "Every kafka.* setting (--kafka-property, COOPWATCH_KAFKA_*) goes to every Kafka client, "
                + "e.g. kafka.security.protocol=SASL_SSL. Secrets are masked whenever settings are printed."},
        optionListHeading = "%nOptions (they apply to every command):%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  coopwatch run                      # embedded broker, pipeline, demo articles",
            "  coopwatch run --once --input news.jsonl",
            "  coopwatch run --rules my-rules.yaml --webhook https://chat.example.org/hooks/XYZ",
            "  coopwatch produce --feeds-file feeds.txt --watch incoming/",
            "  coopwatch rules default > my-rules.yaml   # then edit, 'rules check' it",
            "  coopwatch classify --input in.jsonl --output out.jsonl",
            "  coopwatch broker --port 9092 --data-dir ./coopwatch-data",
            "  coopwatch tail alerts --from-beginning --max 10",
            "  coopwatch bench                    # classifier speed and memory",
            "  coopwatch -b broker1:9092 -X security.protocol=SASL_SSL topics",
            "  COOPWATCH_BOOTSTRAP_SERVERS=broker1:9092 coopwatch streams",
            "",
            "Exit status: 0 on success, 1 when the work failed (or a setting or rules file is wrong), 2 for a usage "
                + "error; 3 when 'run' or 'produce' skipped inputs, 130 after Ctrl-C.",
            "'coopwatch help COMMAND' or 'coopwatch COMMAND --help' explains a command."},
        subcommands = {
            RunCommand.class,
            BrokerCommand.class,
            TopicsCommand.class,
            ClassifyCommand.class,
            ProduceCommand.class,
            StreamsCommand.class,
            SinkCommand.class,
            TailCommand.class,
            RulesCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT, order = 1,
            description = "Properties file with settings (keys like bootstrap.servers, topic.raw, "
                    + "kafka.sasl.jaas.config). Also COOPWATCH_CONFIG.")
    Path configFile;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]", scope = ScopeType.INHERIT,
            order = 2, description = "Kafka cluster to use. Also COOPWATCH_BOOTSTRAP_SERVERS. "
                    + "Default 127.0.0.1:9092; 'run' without it starts an embedded broker.")
    String bootstrapServers;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT, order = 3,
            description = "A Kafka client property for every client (repeatable), "
                    + "e.g. -X security.protocol=SSL -X ssl.truststore.location=/etc/ts.p12.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT, order = 4,
            description = "Any coopwatch setting (repeatable), e.g. -D topic.raw=news.raw -D topic.partitions=12.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--debug", scope = ScopeType.INHERIT, order = 5,
            description = "Show Kafka's own logs and the stack trace of a failure.")
    boolean debug;

    public static void main(String[] args) {
        // JSON Lines in Hindi or Russian must not turn into '?' under a POSIX locale
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        Logging.configure(args);
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 1 failed, 2 usage error). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(Main::handleFailure);
        cmd.setParameterExceptionHandler(Main::handleUsageError);
        headings(cmd);
        return cmd;
    }

    /** The same layout of usage help for every command below the top, nested ones ('rules check') too. */
    private static void headings(CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage()
                    .synopsisHeading("%nUsage: ")
                    .descriptionHeading("%n")
                    .parameterListHeading("%n")
                    .optionListHeading("%nOptions:%n")
                    .commandListHeading("%nCommands:%n");
            headings(sub);
        }
    }

    @Override
    public void run() {
        // no command: show what there is
        new CommandLine(this).usage(System.out);
    }

    /**
     * The configuration for a command: its own flags first, then the global flags, the environment and
     * the properties file.
     */
    public CoopwatchConfig config(Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        kafkaProperties.forEach((k, v) -> flags.put(CoopwatchConfig.KAFKA_PREFIX + k, v));
        if (bootstrapServers != null) {
            flags.put(CoopwatchConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        flags.putAll(commandFlags);
        Map<String, String> env = System.getenv();
        Path file = configFile != null ? configFile : CoopwatchConfig.configFileFromEnvironment(env);
        CoopwatchConfig config = CoopwatchConfig.resolve(flags, env, file);
        for (String unknown : config.unknownSettings()) {
            System.err.println("coopwatch: warning: unknown setting " + unknown + " is ignored");
        }
        return config;
    }

    public boolean debug() {
        return debug;
    }

    private static int handleFailure(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = commandLine.getCommandSpec().root().userObject() instanceof Main m && m.debug;
        if (debug) {
            ex.printStackTrace(err);
        }
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + Failures.describe(ex)
                + (debug || ex instanceof CliException || ex instanceof ConfigException ? "" : " (--debug shows details)"));
        err.flush();
        return ex instanceof CliException c ? c.exitCode() : 1;
    }

    /** The subcommand at most two edits away from what was typed, if any. */
    static String closestCommand(CommandLine cmd, String typed) {
        String best = null;
        int bestDistance = 3;
        for (String name : cmd.getSubcommands().keySet()) {
            int d = editDistance(typed.toLowerCase(java.util.Locale.ROOT), name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); // a swap of two letters
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int handleUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("coopwatch: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)
                && ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String closest = closestCommand(cmd, u.getUnmatched().get(0));
            if (closest != null) {
                err.println("Did you mean '" + cmd.getCommandSpec().qualifiedName() + " " + closest + "'?");
            }
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return 2;
    }
}
