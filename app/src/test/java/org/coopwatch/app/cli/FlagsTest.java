package org.coopwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.coopwatch.app.Main;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.pipeline.PipelineSettings;
import org.coopwatch.app.pipeline.ProducerSettings;
import org.coopwatch.app.pipeline.SinkSettings;
import org.coopwatch.sink.SinkConfig;
import org.coopwatch.sink.webhook.Webhook;
import org.coopwatch.streams.config.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The new flags of run, streams, sink and produce become the settings the modules are built from. */
class FlagsTest {

    @TempDir
    Path dir;

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(args);
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    private static CoopwatchConfig config(Map<String, String> flags) {
        return CoopwatchConfig.resolve(flags, Map.of(), null);
    }

    private Path rules() throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, """
                rules:
                  - name: india-defence
                    countries: [IND]
                    sectors: [defence]
                  - name: threats
                    severity: warning
                    types: [THREATEN]
                    suppression: 2h
                """, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void runMapsRulesSuppressionAndGraceToThePipelineOptions() throws IOException {
        Path rules = rules();
        RunCommand run = parse(RunCommand.class, "run", "--rules", rules.toString(), "--suppression", "30m",
                "--grace", "7d");
        Map<String, String> flags = run.flags();
        assertThat(flags).containsEntry("streams.rules", rules.toString())
                .containsEntry("streams.suppression", "30m").containsEntry("streams.grace", "7d");

        PipelineOptions o = PipelineSettings.from(config(flags));
        assertThat(o.alertRules()).extracting(r -> r.name()).containsExactly("india-defence", "threats");
        assertThat(o.suppression()).isEqualTo(Duration.ofMinutes(30));
        assertThat(o.alertRules().get(0).suppressionOr(o.suppression())).isEqualTo(Duration.ofMinutes(30));
        assertThat(o.alertRules().get(1).suppressionOr(o.suppression())).isEqualTo(Duration.ofHours(2));
        assertThat(o.aggregates().grace()).isEqualTo(Duration.ofDays(7));
        // retention grows with the grace period, so windows stay queryable until they close
        assertThat(o.aggregates().dailyRetention()).isGreaterThanOrEqualTo(Duration.ofDays(8));
    }

    @Test
    void streamsTakesTheSameStageFlags() throws IOException {
        Path rules = rules();
        StreamsCommand streams = parse(StreamsCommand.class, "streams", "--stages", "alerts", "--rules",
                rules.toString(), "--grace", "6h");
        assertThat(streams.flags()).containsEntry("streams.rules", rules.toString()).containsEntry("streams.grace", "6h")
                .doesNotContainKey("streams.suppression");
    }

    @Test
    void withoutFlagsTheDefaultsApply() {
        PipelineOptions o = PipelineSettings.from(config(parse(RunCommand.class, "run").flags()));
        PipelineOptions d = PipelineOptions.defaults();
        assertThat(o.alertRules()).isEqualTo(d.alertRules());
        assertThat(o.suppression()).isEqualTo(d.suppression());
        assertThat(o.aggregates()).isEqualTo(d.aggregates());
    }

    @Test
    void webhookFlagsOnRunAndSinkBuildTheSinksWebhooks() {
        for (String command : new String[] {"run", "sink"}) {
            CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(command,
                    "--webhook", "https://hooks.example.org/services/T1/B2/SECRET",
                    "--webhook", "http://127.0.0.1:9000/alerts?token=abc",
                    "--webhook-header", "Authorization: Bearer t0k3n, with a comma",
                    "--webhook-header", "X-Team: desk",
                    "--webhook-min-severity", "warning");
            Object cmd = r.subcommand().commandSpec().userObject();
            Map<String, String> flags = cmd instanceof RunCommand run ? run.flags() : ((SinkCommand) cmd).flags();

            SinkConfig sink = SinkSettings.from(config(flags));

            assertThat(sink.webhooks()).extracting(w -> w.url().toString()).as(command)
                    .containsExactly("https://hooks.example.org/services/T1/B2/SECRET", "http://127.0.0.1:9000/alerts?token=abc");
            Webhook first = sink.webhooks().get(0);
            assertThat(first.headers()).containsOnly(Map.entry("Authorization", "Bearer t0k3n, with a comma"),
                    Map.entry("X-Team", "desk"));
            assertThat(first.minSeverity()).isEqualTo("warning");
            assertThat(first.wants("info")).isFalse();
            assertThat(first.wants("critical")).isTrue();
            // what is printed at start and in logs
            assertThat(sink.toString()).doesNotContain("SECRET", "abc", "t0k3n")
                    .contains("hooks.example.org/services/***", "token=***");
        }
    }

    @Test
    void produceTakesInputsAsFlagsAndAsParameters() {
        ProduceCommand produce = parse(ProduceCommand.class, "produce", "--input", "a.jsonl", "-i", "-", "b.txt");
        assertThat(produce.inputFlags).containsExactly("a.jsonl", "-");
        assertThat(produce.inputs).containsExactly("b.txt");
    }

    @Test
    void produceMapsFeedsWatchRateAndTheDataFolder() {
        ProduceCommand produce = parse(ProduceCommand.class, "produce", "--feed", "https://example.org/a.rss",
                "--feed", "https://example.org/b.atom", "--feeds-file", "feeds.txt", "--poll-interval", "10m",
                "--watch", "incoming", "--rate", "50/s", "--data-dir", "/var/lib/cw");
        assertThat(produce.inputs).isNull(); // INPUTs are optional when feeds or a folder are given

        ProducerSettings s = ProducerSettings.from(config(produce.flags()));

        assertThat(s.feeds()).extracting(Object::toString).containsExactly("https://example.org/a.rss", "https://example.org/b.atom");
        assertThat(s.feedsFile()).isEqualTo(Path.of("feeds.txt"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.watch()).isEqualTo(Path.of("incoming"));
        assertThat(s.rate()).isEqualTo(50.0);
        assertThat(s.feedState()).isEqualTo(Path.of("/var/lib/cw/feeds"));
        assertThat(s.watchState()).isEqualTo(Path.of("/var/lib/cw/watch"));
    }

    @Test
    void runTakesTheSourceFlagsToo() {
        RunCommand run = parse(RunCommand.class, "run", "--feed", "https://example.org/a.rss", "--rate", "300/min",
                "--data-dir", "/tmp/cw");
        ProducerSettings s = ProducerSettings.from(config(run.flags()));
        assertThat(s.hasFeeds()).isTrue();
        assertThat(s.rate()).isEqualTo(5.0);
        assertThat(s.feedState()).isEqualTo(Path.of("/tmp/cw/feeds"));
    }
}
