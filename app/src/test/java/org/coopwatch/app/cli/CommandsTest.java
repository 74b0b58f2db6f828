package org.coopwatch.app.cli;

import static org.coopwatch.app.CliCapture.cli;

import org.coopwatch.app.CliCapture.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.coopwatch.app.Main;
import org.coopwatch.streams.alert.AlertRulesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new commands and flags as a user meets them: exit status and what is printed. Mistakes are found
 * before anything starts, so none of these needs Kafka.
 */
class CommandsTest {

    @TempDir
    Path dir;


    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path badRules() throws IOException {
        return write("bad.yaml", "rules:\n  - name: conflict\n    types: [THREATENS]\n");
    }

    @Test
    void rulesCheckListsEachRuleOfAValidFile() throws IOException {
        Path f = write("ok.yaml", """
                defaults:
                  suppression: 45m
                rules:
                  - name: energy-deals
                    types: [AGREE]
                    sectors: [energy]
                    min-confidence: 0.6
                  - name: spikes
                    kind: spike
                    severity: warning
                  - name: off
                    enabled: false
                """);
        Result r = cli("rules", "check", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                f + ": valid, 2 rules enabled, checked in this order:",
                "  energy-deals (match, info): types AGREE; sectors energy; confidence >= 0.6; suppression 45m",
                "  spikes (spike, warning): last hour >= 5 events and > 3x the 24 h hourly mean; suppression 45m");
    }

    @Test
    void rulesCheckOfABadFileSaysWhereAndExitsOne() throws IOException {
        Path f = badRules();
        Result r = cli("rules", "check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("coopwatch rules check: " + f + " line 3: unknown type \"THREATENS\", "
                + "did you mean THREATEN?").doesNotContain("\tat ", "--debug");
    }

    @Test
    void rulesCheckWithoutAFileShowsTheConfiguredOrDefaultRules() throws IOException {
        Result defaults = cli("rules", "check");
        assertThat(defaults.exit()).isZero();
        assertThat(defaults.out()).startsWith("The default rules: valid, ")
                .contains("armed-attack (match, critical)");

        Path f = write("one.yaml", "rules:\n  - name: aid\n    types: [AID]\n");
        Result configured = cli("-D", "streams.rules=" + f, "-D", "streams.suppression=2h", "rules", "check");
        assertThat(configured.out()).contains("  aid (match, info): types AID; suppression 2h");
    }

    @Test
    void rulesDefaultPrintsTheCommentedFileWhichChecksAsTheDefaults() throws IOException {
        Result r = cli("rules", "default");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(AlertRulesFile.defaultText()).contains("# ");
        Path saved = write("default.yaml", r.out());
        Result check = cli("rules", "check", saved.toString());
        assertThat(check.exit()).isZero();
        assertThat(check.out()).contains("armed-attack", "conflict", "agreement", "new-sector", "pair-spike");
    }

    @Test
    void aBadRulesFileStopsRunAndStreamsBeforeAnythingStarts() throws IOException {
        Path f = badRules();
        Result run = cli("run", "--once", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--rules", f.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("coopwatch run: " + f + " line 3: unknown type");
        assertThat(run.out()).doesNotContain("Kafka broker ready");
        assertThat(dir.resolve("data")).doesNotExist();

        Result streams = cli("streams", "--rules", f.toString());
        assertThat(streams.exit()).isEqualTo(1);
        assertThat(streams.err()).startsWith("coopwatch streams: " + f + " line 3:");
    }

    @Test
    void watchingAFolderCannotEnd() {
        Result r = cli("run", "--once", "--watch", dir.toString(), "--port", "0",
                "--data-dir", dir.resolve("data").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--watch keeps watching its folder, so it cannot be combined with --once");
    }

    @Test
    void produceNeedsSomethingToPublish() {
        Result r = cli("produce");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("coopwatch produce: nothing to publish: give files, folders or '-', "
                + "or --feed URL, --feeds-file FILE or --watch DIR");
    }

    @Test
    void aBadWebhookIsOneMaskedLine() {
        Result r = cli("sink", "--webhook", "ftp://files.example.org/drop/SECRET");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("coopwatch sink: webhook URL must start with http:// or https://")
                .doesNotContain("SECRET");
    }

    @Test
    void configShowsWebhookSettingsMasked() {
        Result r = cli("-D", "sink.webhooks=https://hooks.example.org/services/T1/B2/SECRET",
                "-D", "sink.webhook.headers=Authorization: Bearer t0k3n", "config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("sink.webhooks = https://hooks.example.org/services/***  (flag)",
                "sink.webhook.headers = Authorization: ********  (flag)").doesNotContain("SECRET", "t0k3n");
        assertThat(r.err()).doesNotContain("unknown setting");
    }

    @Test
    void helpExplainsTheNewFlags() {
        assertThat(cli("run", "--help").out()).contains("--rules=FILE", "--suppression=DURATION", "--grace=DURATION",
                "--webhook=URL", "--webhook-header", "--webhook-min-severity", "--feed=URL", "--feeds-file=FILE",
                "--watch=DIR", "--rate=N[/s]");
        assertThat(cli("produce", "--help").out()).contains("--feed=URL", "--poll-interval=DURATION", "--watch=DIR",
                "DATA_DIR/feeds");
        assertThat(cli("sink", "--help").out()).contains("--webhook=URL", "sink.webhooks");
        assertThat(cli("streams", "--help").out()).contains("--rules=FILE", "streams.rules");
        assertThat(cli("--help").out()).contains("rules", "Check an alert rules file");
    }

    @Test
    void classifyWritesOneLinePerArticleAndExplainsCountriesWhenAsked() throws IOException {
        Path in = write("in.jsonl", """
                {"id": "a1", "text": "India and Japan signed an agreement on rail cooperation in Tokyo."}
                {"id": "a2"}
                """);
        Path out = dir.resolve("out.jsonl");
        Result r = cli("classify", "--input", in.toString(), "--output", out.toString(), "--explain", "--threads", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("done, 2 lines (1 unreadable)");
        var lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"countries\":[\"IND\",\"JPN\"]", "\"type\":\"AGREE\"",
                "\"country_evidence\":[{\"country\":\"IND\",\"mentions\":1,\"headline\":false,\"party\":true,"
                        + "\"first\":{\"text\":\"India\",\"start\":0,\"end\":5}}");
        assertThat(lines.get(1)).isEqualTo("{\"id\":\"a2\",\"error\":\"missing 'text' (a string)\"}");

        Result missing = cli("classify", "--input", dir.resolve("nope.jsonl").toString(), "--output", out.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("input file not found").doesNotContain("\tat ");
    }
}
