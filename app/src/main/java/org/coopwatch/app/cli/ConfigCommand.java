package org.coopwatch.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Print the effective settings and where each comes from.",
        description = {"Each setting is shown with its source (flag, environment, file or default). "
            + "Passwords, JAAS configs, secrets and keys are masked."},
        footerHeading = "%nExample:%n",
        footer = "  COOPWATCH_KAFKA_SASL_JAAS_CONFIG='...' coopwatch --config prod.properties config")
public final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        CoopwatchConfig config = main.config(Map.of());
        config.describe().forEach(System.out::println);
        return 0;
    }
}
