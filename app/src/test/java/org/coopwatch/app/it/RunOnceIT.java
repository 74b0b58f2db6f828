package org.coopwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.coopwatch.app.CliCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coopwatch run --once} end to end on the embedded broker: the bundled demo articles go through
 * all four stream stages into SQLite and JSON Lines, and a second run on the same data folder (broker
 * restarted on its old log, stream state and offsets) finishes too without storing anything twice.
 */
class RunOnceIT {

    @TempDir
    Path dir;

    @Test
    void demoArticlesReachTheSinkAndTheProcessExitsByItself() throws IOException {
        CliCapture.Result first = CliCapture.cli("run", "--once", "--port", "0", "--data-dir", dir.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Done: 4 articles published");
        assertThat(first.out().lines().filter(l -> l.startsWith("ALERT ")).toList()).isNotEmpty();
        List<JsonNode> events = jsonLines(dir.resolve("out/events.jsonl"));
        assertThat(events).extracting(e -> e.path("pair").asText()).contains("IND-RUS", "CHN-RUS", "IND-USA");
        assertThat(Files.exists(dir.resolve("coopwatch.db"))).isTrue();

        CliCapture.Result second = CliCapture.cli("run", "--once", "--port", "0", "--data-dir", dir.toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("Done: 4 articles published");
        // the same articles again: no event with a new id (re-sent articles keep their keys and event ids)
        List<JsonNode> again = jsonLines(dir.resolve("out/events.jsonl"));
        assertThat(again.stream().map(e -> e.path("eventId").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.path("eventId").asText()).distinct().toList());
    }

    /**
     * A feed instead of the demo articles, an alert rules file of our own, and a webhook with a secret in
     * its URL and header: the alerts come from our rule only, each reaches the webhook with its header,
     * and neither secret is printed.
     */
    @Test
    void ownRulesAFeedAndAWebhook() throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: france-deals
                    countries: [FRA]
                    types: [AGREE, COOPERATE]
                    severity: warning
                """, StandardCharsets.UTF_8);
        try (LocalHttp http = new LocalHttp()) {
            http.feedWithOneArticle("/world.rss", "/pages/submarines.html", "India and France agree to build submarines",
                    "India and France signed an agreement on Monday to jointly build three more submarines at a "
                            + "shipyard in Mumbai, the defence ministry said after talks in New Delhi.");
            String hook = http.base() + "/hooks/T000/TOPSECRET";

            CliCapture.Result r = CliCapture.cli("run", "--once", "--port", "0", "--no-web", "--data-dir", dir.resolve("data").toString(),
                    "--rules", rules.toString(), "--feed", http.base() + "/world.rss",
                    "--webhook", hook, "--webhook-header", "Authorization: Bearer hunter2");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 alert rule from " + rules + ": france-deals")
                    .contains("Done: 1 articles published")
                    .doesNotContain("demo articles");
            assertThat(r.err()).contains("feeds: polled 1 feed: 0 unchanged, 1 new item, 1 published");
            List<String> alerts = r.out().lines().filter(l -> l.startsWith("ALERT ")).toList();
            assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a).contains("[warning] france-deals: ", "FRA"));
            // every alert reached the webhook, with its header, and the summary counts them
            assertThat(http.posts).hasSize(alerts.size()).allSatisfy(p -> {
                assertThat(p.path()).isEqualTo("/hooks/T000/TOPSECRET");
                assertThat(p.authorization()).isEqualTo("Bearer hunter2");
                assertThat(p.body()).contains("france-deals");
            });
            assertThat(r.out()).contains("Webhook " + http.base() + "/hooks/***: " + alerts.size() + " delivered, 0 failed");
            assertThat(r.out() + r.err()).doesNotContain("TOPSECRET", "hunter2");
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }
}
