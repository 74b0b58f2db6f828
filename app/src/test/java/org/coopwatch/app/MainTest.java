package org.coopwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndExamples() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: coopwatch", "broker", "topics", "tail", "Examples:");
    }

    @Test
    void versionNamesKafka() {
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("coopwatch ", "Apache Kafka 4.4.0");
    }

    @Test
    void anUnknownFlagIsAUsageErrorInOneLineWithAHint() {
        Result r = run("tail", "alerts", "--frm-beginning");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("coopwatch: Unknown option: '--frm-beginning'")
                .contains("Try 'coopwatch tail --help'")
                .doesNotContain("\tat ");
    }

    @Test
    void aMisspelledCommandGetsASuggestion() {
        Result r = run("tial");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument", "tail");
    }

    @Test
    void aMissingConfigFileIsOneLineAndExitCodeOne() {
        Result r = run("--config", "/nonexistent/coopwatch.properties", "config");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("coopwatch config: configuration file not found: /nonexistent/coopwatch.properties");
    }

    @Test
    void aBadSettingIsReportedByName() {
        Result r = run("-D", "topic.partitions=-3", "topics");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("topic.partitions must be a positive whole number, got '-3'")
                .doesNotContain("\tat ");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CommandLine cmd = Main.commandLine();
        cmd.parseArgs("config", "-b", "after:9092");
        Main main = cmd.getCommand();
        assertThat(main.config(java.util.Map.of()).bootstrapServersOrDefault()).isEqualTo("after:9092");

        CommandLine cmd2 = Main.commandLine();
        cmd2.parseArgs("-b", "before:9092", "-X", "security.protocol=SSL", "config");
        Main main2 = cmd2.getCommand();
        assertThat(main2.config(java.util.Map.of()).clientProperties())
                .containsEntry("bootstrap.servers", "before:9092")
                .containsEntry("security.protocol", "SSL");
    }
}
