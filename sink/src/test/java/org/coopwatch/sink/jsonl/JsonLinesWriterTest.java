package org.coopwatch.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneLinePerRecordAcrossRestarts() throws Exception {
        try (JsonLinesWriter w = new JsonLinesWriter(dir.resolve("out"))) {
            w.append("events", "{\"id\":1}");
            w.append("alerts", "{\"id\":\"a\"}");
            w.flush();
        }
        try (JsonLinesWriter w = new JsonLinesWriter(dir.resolve("out"))) {
            w.append("events", "{\"id\":2}");
        }
        assertThat(Files.readAllLines(dir.resolve("out/events.jsonl"))).containsExactly("{\"id\":1}", "{\"id\":2}");
        assertThat(Files.readAllLines(dir.resolve("out/alerts.jsonl"))).containsExactly("{\"id\":\"a\"}");
    }

    @Test
    void aLineCutShortByACrashDoesNotSwallowTheNextRecord() throws Exception {
        Files.writeString(dir.resolve("events.jsonl"), "{\"id\":1}\n{\"id\":", StandardCharsets.UTF_8);
        try (JsonLinesWriter w = new JsonLinesWriter(dir)) {
            w.append("events", "{\"id\":2}");
        }
        assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).containsExactly("{\"id\":1}", "{\"id\":", "{\"id\":2}");
    }
}
