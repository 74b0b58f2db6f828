package org.coopwatch.classifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopwatch.classifier.Classifier;
import org.junit.jupiter.api.Test;

class ClassifyRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneLinePerInputInOrderWithErrorsForBadLines() throws Exception {
        StringBuilder in = new StringBuilder();
        int n = 600; // several batches
        for (int i = 0; i < n; i++) {
            if (i == 3) in.append("{not json\n");
            else if (i == 5) in.append("{\"id\":\"no-text\"}\n");
            else if (i == 7) in.append("\n");
            else in.append(JSON.writeValueAsString(java.util.Map.of("id", "a" + i,
                    "text", "India and Russia signed an agreement. The US warned India.", "gold", "ignored"))).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClassifyRunner.Summary s = new ClassifyRunner(Classifier.load("testgaz/"), 3)
                .process(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) lines.add(JSON.readTree(l));
        assertThat(lines).hasSize(n);
        assertThat(s.lines()).isEqualTo(n);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(lines.get(3).get("error").asText()).startsWith("not valid JSON");
        assertThat(lines.get(5).get("id").asText()).isEqualTo("no-text");
        assertThat(lines.get(5).get("error").asText()).contains("text");
        assertThat(lines.get(7).get("error").asText()).isEqualTo("empty line");
        for (int i : new int[] {0, 1, 2, 4, 6, 8, 599}) assertThat(lines.get(i).get("id").asText()).isEqualTo("a" + i);
        JsonNode first = lines.get(0);
        assertThat(first.get("language").asText()).isEqualTo("en");
        assertThat(first.get("countries").toString()).isEqualTo("[\"IND\",\"RUS\",\"USA\"]");
        JsonNode ev = first.get("events").get(0);
        assertThat(ev.get("type").asText()).isEqualTo("AGREE");
        assertThat(ev.get("cameo").asText()).isEqualTo("03");
        assertThat(ev.get("evidence").get("text").asText()).isEqualTo("India and Russia signed an agreement.");
        assertThat(ev.get("evidence").get("start").asInt()).isZero();
        assertThat(ev.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("done, 600 lines (3 unreadable)");
    }

    private static final Classifier BUNDLED = Classifier.load();

    @Test
    void explainAddsEachCountrysEvidenceOnlyWhenAsked() throws Exception {
        String text = "The talks went well. India and Russia signed an agreement. Indian officials praised Russia. "
                + "Prices in Japan were steady.";
        String line = JSON.writeValueAsString(java.util.Map.of("id", "x", "title", "INDIA, RUSSIA SIGN PACT", "text", text));
        JsonNode plain = JSON.readTree(new ClassifyRunner(BUNDLED, 1).classifyLine(line));
        assertThat(plain.has("country_evidence")).isFalse();

        JsonNode explained = JSON.readTree(new ClassifyRunner(BUNDLED, 1, true).classifyLine(line));
        assertThat(explained.get("countries").toString()).isEqualTo("[\"IND\",\"JPN\",\"RUS\"]");
        JsonNode ce = explained.get("country_evidence");
        assertThat(ce).hasSize(3);
        JsonNode ind = ce.get(0), jpn = ce.get(1), rus = ce.get(2);
        assertThat(ind.get("country").asText()).isEqualTo("IND");
        assertThat(ind.get("mentions").asInt()).isEqualTo(2);
        assertThat(ind.get("headline").asBoolean()).isTrue();
        assertThat(ind.get("party").asBoolean()).isTrue();
        int start = ind.get("first").get("start").asInt(), end = ind.get("first").get("end").asInt();
        assertThat(text.substring(start, end)).isEqualTo("India").isEqualTo(ind.get("first").get("text").asText());
        assertThat(rus.get("mentions").asInt()).isEqualTo(2);
        assertThat(jpn.get("mentions").asInt()).isEqualTo(1);
        assertThat(jpn.get("headline").asBoolean()).isFalse();
        assertThat(jpn.get("party").asBoolean()).isFalse();
        assertThat(text.substring(jpn.get("first").get("start").asInt())).startsWith("Japan were steady");
    }
}
