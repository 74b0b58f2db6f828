package org.coopwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        CliIT.Result first = CliIT.cli("run", "--once", "--port", "0", "--data-dir", dir.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Done: 4 articles published");
        assertThat(first.out().lines().filter(l -> l.startsWith("ALERT ")).toList()).isNotEmpty();
        List<JsonNode> events = jsonLines(dir.resolve("out/events.jsonl"));
        assertThat(events).extracting(e -> e.path("pair").asText()).contains("IND-RUS", "CHN-RUS", "IND-USA");
        assertThat(Files.exists(dir.resolve("coopwatch.db"))).isTrue();

        CliIT.Result second = CliIT.cli("run", "--once", "--port", "0", "--data-dir", dir.toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("Done: 4 articles published");
        // the same articles again: no event with a new id (re-sent articles keep their keys and event ids)
        List<JsonNode> again = jsonLines(dir.resolve("out/events.jsonl"));
        assertThat(again.stream().map(e -> e.path("eventId").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.path("eventId").asText()).distinct().toList());
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
