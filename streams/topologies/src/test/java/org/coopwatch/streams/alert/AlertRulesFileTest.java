package org.coopwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesFileTest {

    @TempDir Path dir;

    static List<AlertRule> parse(String yaml) {
        return AlertRulesFile.parse(yaml, "rules.yaml");
    }

    static String problems(String yaml) {
        try {
            parse(yaml);
        } catch (RulesFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theDefaultFileHoldsTheShippedRules() {
        List<AlertRule> rules = AlertRulesFile.loadDefault();

        assertThat(rules).extracting(AlertRule::name)
                .containsExactly("armed-attack", "conflict", "agreement", "new-sector", "pair-spike"); // one is disabled
        AlertRule conflict = rules.get(1);
        assertThat(conflict.types()).containsExactlyInAnyOrder("THREATEN", "SANCTION", "COERCE", "MOBILIZE");
        assertThat(conflict.severity()).isEqualTo("warning");
        assertThat(conflict.minConfidence()).isEqualTo(0.5);
        assertThat(conflict.suppression()).isEqualTo(Duration.ofHours(1));
        assertThat(conflict.trigger()).isEqualTo(Trigger.MATCH);
        assertThat(rules.get(3).trigger()).isEqualTo(new Trigger.FirstSeen(Duration.ofDays(30)));
        assertThat(rules.get(3).severity()).isEqualTo("info"); // from the file's defaults
        assertThat(rules.get(4).trigger()).isEqualTo(new Trigger.Spike(3.0, 5, Duration.ofHours(24)));
        assertThat(AlertRules.defaults()).isEqualTo(rules);
        assertThat(AlertRulesFile.defaultText()).startsWith("# coopwatch alert rules");
    }

    @Test
    void everyKeyIsReadAndDefaultsApplyWhereARuleIsSilent() {
        List<AlertRule> rules = parse("""
                defaults:
                  suppression: 2h
                  severity: warning
                  min-confidence: 0.4
                  modalities: [asserted]
                rules:
                  - name: india-energy
                    countries: [ind, PAK]
                    sectors: energy, mining_metals
                    types:
                      - agree
                      - COOPERATE
                  - name: one-pair
                    pair: rus-ind
                    severity: critical
                    min-confidence: 0.9
                    modalities: [asserted, reported, negated]
                    suppression: 0
                  - name: fresh
                    kind: first-seen
                    days: 7
                    sectors: [space]
                  - name: burst
                    kind: spike
                    factor: 2.5
                    min-events: 8
                    baseline: 2d
                    suppression: 1h30m
                  - name: off
                    enabled: false
                """);

        assertThat(rules).extracting(AlertRule::name).containsExactly("india-energy", "one-pair", "fresh", "burst");
        AlertRule first = rules.get(0);
        assertThat(first.countries()).containsExactlyInAnyOrder("IND", "PAK");
        assertThat(first.sectors()).containsExactlyInAnyOrder("energy", "mining_metals");
        assertThat(first.types()).containsExactlyInAnyOrder("AGREE", "COOPERATE");
        assertThat(first.severity()).isEqualTo("warning");
        assertThat(first.minConfidence()).isEqualTo(0.4);
        assertThat(first.modalities()).containsExactly("asserted");
        assertThat(first.suppression()).isEqualTo(Duration.ofHours(2));
        AlertRule second = rules.get(1);
        assertThat(second.pair()).isEqualTo("IND-RUS");
        assertThat(second.severity()).isEqualTo("critical");
        assertThat(second.modalities()).containsExactlyInAnyOrder("asserted", "reported", "negated");
        assertThat(second.suppression()).isZero();
        assertThat(rules.get(2).trigger()).isEqualTo(new Trigger.FirstSeen(Duration.ofDays(7)));
        assertThat(rules.get(3).trigger()).isEqualTo(new Trigger.Spike(2.5, 8, Duration.ofHours(48)));
        assertThat(rules.get(3).suppression()).isEqualTo(Duration.ofMinutes(90));
        assertThat(rules.get(3).describe(Duration.ofHours(1)))
                .isEqualTo("burst (spike, warning): last hour >= 8 events and > 2.5x the 48 h hourly mean; "
                        + "confidence >= 0.4; modalities asserted; suppression 1h30m");
    }

    @Test
    void withoutFileDefaultsARuleUsesTheStageSuppressionAndAllFactualEvents() {
        AlertRule r = parse("rules:\n  - name: any\n").get(0);
        assertThat(r.suppression()).isNull();
        assertThat(r.suppressionOr(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.modalities()).isEqualTo(AlertRule.FACTUAL);
        assertThat(r.severity()).isEqualTo("info");
        assertThat(r.minConfidence()).isZero();
        assertThat(parse("rules: []\n")).isEmpty();
    }

    @Test
    void anUnknownTypeIsRefusedWithItsLineAndTheTypesThatExist() {
        String msg = problems("""
                rules:
                  - name: threats
                    types: [THREATENS]
                """);
        assertThat(msg).isEqualTo("rules.yaml line 3: unknown type \"THREATENS\", did you mean THREATEN? (expected one of "
                + "AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, "
                + "SANCTION, MOBILIZE, COERCE, ASSAULT)");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceEachWithItsLine() {
        String msg = problems("""
                defaults:
                  suppression: -1h
                rules:
                  - name: a
                    countries: [IND, XYZ]
                    min_confidence: 0.5
                  - name: b
                    sectors: [defense]
                    min-confidence: 1.5
                  - name: a
                    kind: spike
                    factor: -2
                    min-events: 0
                    baseline: 90m
                  - name: c
                    kind: first-seen
                    factor: 3
                    days: 0
                  - name: d
                    kind: trend
                    severity: urgent
                    pair: IND-IND
                    enabled: maybe
                  - name: e
                    types: []
                    types: [AGREE]
                  - name: bad|name
                  - countries: IND
                  - just a string
                """);
        assertThat(msg.lines()).containsExactly(
                "rules.yaml line 2: 'suppression' cannot be negative: -1h",
                "rules.yaml line 5: \"XYZ\" is not an ISO 3166-1 alpha-3 country code (e.g. IND, RUS, USA)",
                "rules.yaml line 6: unknown key \"min_confidence\", did you mean min-confidence? (expected one of name, kind, "
                        + "enabled, severity, countries, pair, types, sectors, min-confidence, modalities, suppression, "
                        + "days, factor, min-events, baseline)",
                "rules.yaml line 8: unknown sector \"defense\", did you mean defence? (expected one of defence, aerospace, "
                        + "space, energy, mining_metals, agriculture, transport, manufacturing, technology, trade, finance, "
                        + "health, environment, education_culture)",
                "rules.yaml line 9: min-confidence must be between 0 and 1, not 1.5",
                "rules.yaml line 10: duplicate rule name \"a\" (first used on line 4)",
                "rules.yaml line 12: factor must be a number above 0 (e.g. 3 for \"three times the usual\"), not -2",
                "rules.yaml line 13: min-events must be a whole number from 1 to 1000000, not 0",
                "rules.yaml line 14: baseline must be whole hours from 1h to 7d, not 90m",
                "rules.yaml line 17: 'factor' applies to rules of kind spike only (this one is first-seen)",
                "rules.yaml line 18: days must be a whole number from 1 to 3650, not 0",
                "rules.yaml line 20: unknown kind \"trend\" (expected one of match, first-seen, spike)",
                "rules.yaml line 21: unknown severity \"urgent\" (expected one of info, warning, critical)",
                "rules.yaml line 22: pair \"IND-IND\" is not two different ISO 3166-1 alpha-3 codes joined by '-' (e.g. IND-RUS)",
                "rules.yaml line 23: 'enabled' must be true or false, not \"maybe\"",
                "rules.yaml line 25: 'types' is empty (leave the key out to match any type)",
                "rules.yaml line 26: \"types\" given twice (first on line 25)",
                "rules.yaml line 27: rule name \"bad|name\" may only hold letters, digits, '.', '_' and '-'",
                "rules.yaml line 28: a rule without 'name'",
                "rules.yaml line 29: a rule must be a set of 'key: value' lines starting with '- name: ...'");
    }

    @Test
    void brokenYamlIsRefusedWithTheLineOfTheMistake() {
        String msg = problems("""
                rules:
                  - name: a
                    types: [AGREE
                  - name: b
                """);
        assertThat(msg).startsWith("rules.yaml line ").contains("not valid YAML");
        assertThat(problems("")).isEqualTo("rules.yaml: the file is empty; it needs a 'rules:' list (see the default rules file)");
        assertThat(problems("rules:\n  name: a\n")).isEqualTo(
                "rules.yaml line 2: 'rules' must be a list of rules, each starting with '- name: ...'");
        assertThat(problems("- name: a\n")).isEqualTo("rules.yaml line 1: the top of the file must be a set of 'key: value' lines");
        assertThat(problems("alerts:\n  - name: a\n")).startsWith("rules.yaml line 1: unknown key \"alerts\"");
    }

    @Test
    void filesAreNamedAsGivenInProblemsAndMissingOrBinaryFilesAreRefused() throws Exception {
        Path file = dir.resolve("my-rules.yaml");
        Files.writeString(file, "rules:\n  - name: x\n    types: [HUG]\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AlertRulesFile.load(file))
                .isInstanceOf(RulesFileException.class)
                .hasMessageStartingWith(file + " line 3: unknown type \"HUG\"")
                .satisfies(e -> assertThat(((RulesFileException) e).problems())
                        .extracting(RulesFileException.Problem::line).containsExactly(3));
        assertThatThrownBy(() -> AlertRulesFile.load(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
        Path binary = dir.resolve("b.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        assertThatThrownBy(() -> AlertRulesFile.load(binary)).hasMessage(binary + ": is not UTF-8 text");
        Files.writeString(file, "rules:\n  - name: x\n    countries: [ind]\n", StandardCharsets.UTF_8);
        assertThat(AlertRulesFile.load(file)).singleElement().extracting(AlertRule::countries).isEqualTo(Set.of("IND"));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0")).isZero();
        assertThatThrownBy(() -> Durations.parse("1 hour")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d")).hasMessageContaining("too long");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
    }
}
