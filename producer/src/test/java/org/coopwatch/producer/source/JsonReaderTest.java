package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopwatch.producer.source.Fixtures.readFile;
import static org.coopwatch.producer.source.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReaderTest {

    @TempDir
    Path dir;

    @Test
    void oneObjectIsOneArticle() {
        Path f = write(dir.resolve("one.json"), """
                {
                  "title": "Talks",
                  "text": "India and Russia held talks.",
                  "url": "https://news.example/talks"
                }
                """);
        CollectingSink sink = readFile(f);
        assertThat(sink.only().getId()).isEqualTo("https://news.example/talks");
        assertThat(sink.only().getTitle()).isEqualTo("Talks");
        assertThat(sink.only().getSource()).isEqualTo(f.toString());
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void anArrayGivesOneArticlePerElementAndABadElementIsReportedAtItsLine() {
        Path f = write(dir.resolve("many.json"), """
                [
                  {"text": "first"},
                  {"title": "no text"},
                  "a string",
                  {"text": "fourth", "source": "Agency"}
                ]
                """);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly("first", "fourth");
        assertThat(sink.articles).extracting(SourceArticle::origin).containsExactly(f + ":2", f + ":5");
        assertThat(sink.articles.get(1).article().getSource()).isEqualTo("Agency");
        assertThat(sink.problems).extracting(Problem::where).containsExactly(f + ":3", f + ":4");
        assertThat(sink.problems.get(1).message()).isEqualTo("expected an article object, found a string");
    }

    @Test
    void malformedJsonStopsTheFileAtItsLineAndKeepsWhatCameBefore() {
        Path f = write(dir.resolve("broken.json"), """
                [
                  {"text": "kept"},
                  {"text": "broken" "missing comma"},
                  {"text": "never reached"}
                ]
                """);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly("kept");
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.BAD_RECORD);
            assertThat(p.where()).isEqualTo(f + ":3");
            assertThat(p.message()).startsWith("malformed JSON").contains("the 1 article before it were read");
        });
    }

    @Test
    void emptyFileAndEmptyArrayAreReported() {
        CollectingSink empty = readFile(write(dir.resolve("empty.json"), ""));
        assertThat(empty.articles).isEmpty();
        assertThat(empty.kinds()).containsExactly(Problem.Kind.EMPTY);

        CollectingSink none = readFile(write(dir.resolve("none.json"), "[]"));
        assertThat(none.articles).isEmpty();
        assertThat(none.kinds()).containsExactly(Problem.Kind.EMPTY);
    }

    @Test
    void oversizeTextInAnArrayIsSkippedAndTheRestPublished() {
        ReadOptions small = Fixtures.OPTIONS.withMaxTextBytes(64);
        Path f = write(dir.resolve("sizes.json"), "[{\"text\":\"" + "z".repeat(65) + "\"},\n{\"text\":\"ok\"}]");
        CollectingSink sink = Fixtures.readFiles(small, null, f.toString());
        assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly("ok");
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE);
            assertThat(p.where()).isEqualTo(f + ":1");
        });
    }
}
