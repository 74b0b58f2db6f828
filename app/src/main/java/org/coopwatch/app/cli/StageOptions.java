package org.coopwatch.app.cli;

import java.nio.file.Path;
import java.util.Map;

import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.pipeline.PipelineSettings;
import org.coopwatch.streams.config.PipelineOptions;
import picocli.CommandLine.Option;

/** The stream stages' flags shared by {@code run} and {@code streams}: alert rules, suppression, grace. */
public final class StageOptions {

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Alert rules (YAML) instead of the default ones (setting streams.rules). Checked before "
                    + "anything starts: a mistake stops coopwatch with the file, line and reason. "
                    + "'coopwatch rules default' prints a commented file to start from; 'coopwatch rules check FILE' "
                    + "checks one.")
    Path rules;

    @Option(names = "--suppression", paramLabel = "DURATION",
            description = "How long the same alert is held back after it fired, for rules whose file sets none, "
                    + "neither per rule nor under 'defaults:' (setting streams.suppression; default 1h; e.g. 30m, 2h, "
                    + "0 for none). The default rules set 1h under 'defaults:'; a warning says when this applies to "
                    + "no rule.")
    String suppression;

    @Option(names = "--grace", paramLabel = "DURATION",
            description = "How late (in event time, behind the newest event) an event may arrive and still be counted "
                    + "in its hourly and daily aggregates (setting streams.grace; default 48h; e.g. 6h, 7d). "
                    + "Later ones are dropped and counted.")
    String grace;

    /** Prints what the settings would change nothing about, as warnings on stderr. */
    static void warn(CoopwatchConfig config, PipelineOptions options) {
        for (String w : PipelineSettings.warnings(config, options)) {
            System.err.println("coopwatch: warning: " + w);
        }
    }

    void addTo(Map<String, String> flags) {
        if (rules != null) {
            flags.put(PipelineSettings.RULES, rules.toString());
        }
        if (suppression != null) {
            flags.put(PipelineSettings.SUPPRESSION, suppression);
        }
        if (grace != null) {
            flags.put(PipelineSettings.GRACE, grace);
        }
    }
}
