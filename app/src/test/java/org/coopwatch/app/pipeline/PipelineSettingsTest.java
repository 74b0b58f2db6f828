package org.coopwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.streams.config.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSettingsTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private static CoopwatchConfig config(Map<String, String> flags, Map<String, String> env) {
        return CoopwatchConfig.resolve(flags, env, null);
    }

    @Test
    void theRulesFileMayComeFromTheEnvironment() throws IOException {
        Path f = file("rules:\n  - name: only-one\n    types: [AID]\n");
        PipelineOptions o = PipelineSettings.from(config(Map.of(), Map.of("COOPWATCH_STREAMS_RULES", f.toString(),
                "COOPWATCH_STREAMS_SUPPRESSION", "0")));
        assertThat(o.alertRules()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("only-one"));
        assertThat(o.suppression()).isZero();
        assertThat(PipelineSettings.describe(config(Map.of("streams.rules", f.toString()), Map.of()), o))
                .isEqualTo("1 alert rule from " + f + ": only-one");
    }

    @Test
    void oneProblemIsOneLineWithFileAndLine() throws IOException {
        Path f = file("rules:\n  - name: x\n    types: [THREATENS]\n");
        assertThatThrownBy(() -> PipelineSettings.from(config(Map.of("streams.rules", f.toString()), Map.of())))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith(f + " line 3: unknown type \"THREATENS\", did you mean THREATEN?")
                .hasMessageNotContaining("\n");
    }

    @Test
    void severalProblemsAreCountedThenListedOnePerLine() throws IOException {
        Path f = file("rules:\n  - name: x\n    min-confidence: 2\n  - name: x\n    colour: red\n");
        assertThatThrownBy(() -> PipelineSettings.from(config(Map.of("streams.rules", f.toString()), Map.of())))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("3 problems in the rules file " + f + ":\n  " + f + " line 3: min-confidence")
                .hasMessageContaining("\n  " + f + " line 4: duplicate rule name \"x\" (first used on line 2)")
                .hasMessageContaining("\n  " + f + " line 5: unknown key \"colour\"");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PipelineSettings.from(config(Map.of("streams.rules", missing.toString()), Map.of())))
                .isInstanceOf(CliException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void badDurationsNameTheSettingAndTheFlag() {
        assertThatThrownBy(() -> PipelineSettings.from(config(Map.of("streams.grace", "two days"), Map.of())))
                .isInstanceOf(CliException.class)
                .hasMessage("streams.grace (--grace) must be a duration such as 15s, 500ms, 2m, 1h or 2d, got 'two days'");
        assertThatThrownBy(() -> PipelineSettings.from(config(Map.of(), Map.of("COOPWATCH_STREAMS_SUPPRESSION", "-1h"))))
                .hasMessageStartingWith("streams.suppression (--suppression) must be a duration");
    }

    @Test
    void anEmptyRulesListIsAllowedButSaidPlainly() throws IOException {
        Path f = file("rules:\n");
        CoopwatchConfig c = config(Map.of("streams.rules", f.toString()), Map.of());
        PipelineOptions o = PipelineSettings.from(c);
        assertThat(o.alertRules()).isEmpty();
        assertThat(PipelineSettings.describe(c, o)).startsWith("No alert rules enabled from " + f);
    }

    @Test
    void ourStreamsKeysAreNotPassedToKafkaStreams() throws IOException {
        Path f = file("rules:\n  - name: a\n");
        CoopwatchConfig c = config(Map.of("streams.rules", f.toString(), "streams.grace", "1h",
                "streams.suppression", "5m", "streams.num.standby.replicas", "1", "bootstrap.servers", "k:9092"),
                Map.of());
        var props = StreamsRunner.settings(c).forStage(org.coopwatch.streams.config.Stage.ALERTS);
        assertThat(props).containsEntry("num.standby.replicas", "1")
                .doesNotContainKeys("rules", "grace", "suppression", "streams.rules");
        assertThat(new StreamsRunner(c, java.util.EnumSet.of(org.coopwatch.streams.config.Stage.ALERTS)).options()
                .aggregates().grace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aSuppressionThatAppliesToNoRuleIsAWarning() throws IOException {
        CoopwatchConfig defaults = config(Map.of("streams.suppression", "30m"), Map.of());
        assertThat(PipelineSettings.warnings(defaults, PipelineSettings.from(defaults))).singleElement().asString()
                .startsWith("streams.suppression (--suppression) applies to no rule: every rule of the default rules");

        Path f = file("rules:\n  - name: a\n    types: [AID]\n  - name: b\n    suppression: 2h\n");
        CoopwatchConfig own = config(Map.of("streams.suppression", "30m", "streams.rules", f.toString()), Map.of());
        PipelineOptions o = PipelineSettings.from(own);
        assertThat(PipelineSettings.warnings(own, o)).isEmpty();
        assertThat(o.alertRules().get(0).suppressionOr(o.suppression())).isEqualTo(Duration.ofMinutes(30));
        assertThat(PipelineSettings.warnings(config(Map.of(), Map.of()), PipelineOptions.defaults())).isEmpty();
    }
}
