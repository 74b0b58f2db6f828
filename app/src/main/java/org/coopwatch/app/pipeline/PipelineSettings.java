package org.coopwatch.app.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.ConfigException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.streams.aggregate.AggregateOptions;
import org.coopwatch.streams.alert.AlertRule;
import org.coopwatch.streams.alert.AlertRulesFile;
import org.coopwatch.streams.alert.RulesFileException;
import org.coopwatch.streams.config.PipelineOptions;

/**
 * What the stream stages do, from coopwatch's configuration: the alert rules ({@code streams.rules}, a YAML
 * file; the shipped default rules otherwise), the suppression window of rules without their own
 * ({@code streams.suppression}) and the aggregates' grace period ({@code streams.grace}). Resolved before
 * anything starts, so a mistake in the rules file stops the command at once, naming the line.
 */
public final class PipelineSettings {

    public static final String RULES = "streams.rules";
    public static final String SUPPRESSION = "streams.suppression";
    public static final String GRACE = "streams.grace";
    /** Our own streams.* keys: read here, never handed to Kafka Streams. */
    public static final Set<String> KEYS = Set.of(RULES, SUPPRESSION, GRACE);

    private PipelineSettings() {
    }

    /** The stages' options; a bad rules file or duration is a {@link CliException} with exit status 1. */
    public static PipelineOptions from(CoopwatchConfig config) {
        PipelineOptions options = PipelineOptions.defaults();
        Optional<Path> rulesFile = rulesFile(config);
        if (rulesFile.isPresent()) {
            options = options.withAlertRules(load(rulesFile.get()));
        }
        Optional<Duration> suppression = duration(config, SUPPRESSION, "--suppression");
        if (suppression.isPresent()) {
            options = options.withSuppression(suppression.get());
        }
        Optional<Duration> grace = duration(config, GRACE, "--grace");
        if (grace.isPresent()) {
            options = options.withAggregates(options.aggregates().withGrace(grace.get()));
        }
        return options;
    }

    /** The rules file named by {@code streams.rules}, if any. */
    public static Optional<Path> rulesFile(CoopwatchConfig config) {
        return config.get(RULES).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** The enabled rules of a file; every problem in it (file, line, reason) in the exception's message. */
    public static List<AlertRule> load(Path file) {
        try {
            return AlertRulesFile.load(file);
        } catch (RulesFileException e) {
            // one problem: its line as is; several: counted first, then one indented line each
            String message = e.problems().size() <= 1 ? e.getMessage()
                    : e.problems().size() + " problems in the rules file " + e.source() + ":\n  "
                            + String.join("\n  ", e.getMessage().split("\n"));
            throw new CliException(message, 1, e);
        }
    }

    /**
     * Settings that change nothing, to be shown as warnings: a suppression window when every rule has its
     * own (per rule or under the file's {@code defaults:}, as the default rules do).
     */
    public static List<String> warnings(CoopwatchConfig config, PipelineOptions options) {
        List<String> out = new java.util.ArrayList<>();
        if (config.get(SUPPRESSION).filter(s -> !s.isBlank()).isPresent() && !options.alertRules().isEmpty()
                && options.alertRules().stream().allMatch(r -> r.suppression() != null)) {
            out.add(SUPPRESSION + " (--suppression) applies to no rule: every rule "
                    + rulesFile(config).map(p -> "in " + p).orElse("of the default rules")
                    + " has a suppression of its own (per rule or under 'defaults:'); change it there");
        }
        return out;
    }

    /** "5 alert rules from rules.yaml: a, b, c" or "... (the default rules)", for the start-up output. */
    public static String describe(CoopwatchConfig config, PipelineOptions options) {
        List<AlertRule> rules = options.alertRules();
        String from = rulesFile(config).map(p -> "from " + p).orElse("(the default rules; --rules FILE for your own)");
        if (rules.isEmpty()) {
            return "No alert rules enabled " + from + ": no alerts will be raised";
        }
        return rules.size() + " alert rule" + (rules.size() == 1 ? "" : "s") + " " + from + ": "
                + String.join(", ", rules.stream().map(AlertRule::name).toList());
    }

    private static Optional<Duration> duration(CoopwatchConfig config, String key, String flag) {
        Optional<String> v = config.get(key).filter(s -> !s.isBlank());
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CoopwatchConfig.duration(key + " (" + flag + ")", v.get()));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), 1, e);
        }
    }
}
