package org.coopwatch.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.pipeline.PipelineSettings;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRulesFile;
import org.coopwatch.streams.config.PipelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Check an alert rules file, or print the default one to start your own.",
        description = {"Alert rules decide which cooperation events become alerts: filters (countries, pair, PLOVER "
            + "types, sectors, confidence, modality) and a kind (match: every matching event; first-seen: a pair's "
            + "first event in a sector for N days; spike: a pair's hourly count far above its usual). They are a "
            + "YAML file given to 'run' and 'streams' with --rules FILE (setting streams.rules); without one, "
            + "the default rules apply.",
            "",
            "Exit status: 0 the rules are valid, 1 they are not (every problem is listed with its line), 2 usage error."},
        footerHeading = "%nExamples:%n",
        footer = {"  coopwatch rules default > my-rules.yaml     # the commented default rules",
            "  coopwatch rules check my-rules.yaml",
            "  coopwatch run --rules my-rules.yaml"},
        subcommands = {RulesCommand.Check.class, RulesCommand.Default.class, CommandLine.HelpCommand.class})
public final class RulesCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // no subcommand: show what there is
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            header = "Validate a rules file and show each rule as coopwatch reads it.",
            description = {"Reads the file as 'run --rules FILE' would and prints one line per enabled rule, in the "
                + "order events are checked: its kind, severity, filters and suppression. Rules with "
                + "'enabled: false' are checked but not listed. Nothing is guessed: an unknown key, type, sector, "
                + "country or severity, a number out of range or a duplicate name is an error, all listed at once "
                + "with their lines.",
                "",
                "Without FILE, checks the file named by the streams.rules setting, else shows the default rules. "
                    + "The suppression shown for rules without their own is streams.suppression (default 1h).",
                "",
                "Exit status: 0 valid, 1 not valid (or not readable), 2 usage error."},
            footerHeading = "%nExamples:%n",
            footer = {"  coopwatch rules check my-rules.yaml",
                "  COOPWATCH_STREAMS_RULES=/etc/coopwatch/rules.yaml coopwatch rules check"})
    static final class Check implements Callable<Integer> {

        @ParentCommand
        RulesCommand parent;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The rules file (YAML).")
        Path file;

        @Override
        public Integer call() {
            Map<String, String> flags = file == null ? Map.of() : Map.of(PipelineSettings.RULES, file.toString());
            CoopwatchConfig config = parent.main.config(flags);
            // the same resolution as run and streams: a bad file throws, naming every problem with its line
            PipelineOptions options = PipelineSettings.from(config);
            StageOptions.warn(config, options);
            print(System.out, PipelineSettings.rulesFile(config).map(Path::toString).orElse(null),
                    options.alertRules(), options.suppression());
            return 0;
        }

        static void print(PrintStream out, String file, List<AlertRule> rules, Duration defaultSuppression) {
            String what = file == null ? "The default rules" : file;
            if (rules.isEmpty()) {
                out.println(what + ": valid, but no rule is enabled: no alerts would be raised.");
                return;
            }
            out.println(what + ": valid, " + rules.size() + " rule" + (rules.size() == 1 ? "" : "s")
                    + " enabled, checked in this order:");
            for (AlertRule r : rules) {
                out.println("  " + r.describe(defaultSuppression));
            }
        }
    }

    @Command(name = "default", mixinStandardHelpOptions = true,
            header = "Print the default rules file, with comments on every key.",
            description = {"The rules coopwatch uses without --rules, as a commented YAML file: save it, edit it, "
                + "check it with 'coopwatch rules check FILE' and use it with --rules FILE."},
            footerHeading = "%nExample:%n",
            footer = "  coopwatch rules default > my-rules.yaml")
    static final class Default implements Callable<Integer> {

        @Override
        public Integer call() {
            System.out.print(AlertRulesFile.defaultText());
            System.out.flush();
            return 0;
        }
    }
}
