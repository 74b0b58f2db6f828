package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopwatch.producer.source.Fixtures.concat;
import static org.coopwatch.producer.source.Fixtures.readFile;
import static org.coopwatch.producer.source.Fixtures.utf8;
import static org.coopwatch.producer.source.Fixtures.write;

import java.nio.file.Path;
import java.time.Instant;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.ArticleIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {

    @TempDir
    Path dir;

    @Test
    void everyGoodLineIsAnArticleAndEveryBadLineIsReportedWithItsLineNumber() {
        String jsonl = String.join("\n",
                "{\"id\":\"a1\",\"text\":\"India and Russia met.\",\"title\":\"Meeting\",\"language\":\"en\","
                        + "\"published\":\"2024-03-06T10:00:00Z\",\"url\":\"https://news.example/a1\",\"source\":\"Wire\"}",
                "{\"text\":\"No id and no url: hashed.\"}",
                "{not json at all",
                "",
                "   ",
                "[1, 2, 3]",
                "{\"title\":\"no text field\"}",
                "{\"text\":\"bad date\",\"published\":\"yesterday\"}",
                "{\"url\":\"https://news.example/u\",\"text\":\"URL makes the id.\"}",
                "");
        Path f = write(dir.resolve("batch.jsonl"), jsonl);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).extracting(SourceArticle::origin)
                .containsExactly(f + ":1", f + ":2", f + ":8", f + ":9");
        RawArticle first = sink.articles.get(0).article();
        assertThat(first.getId()).isEqualTo("a1");
        assertThat(first.getTitle()).isEqualTo("Meeting");
        assertThat(first.getLanguageHint()).isEqualTo("en");
        assertThat(first.getPublished()).isEqualTo(Instant.parse("2024-03-06T10:00:00Z"));
        assertThat(first.getUrl()).isEqualTo("https://news.example/a1");
        assertThat(first.getSource()).as("the record's own source wins").isEqualTo("Wire");
        assertThat(first.getIngested()).isEqualTo(Fixtures.NOW);

        RawArticle second = sink.articles.get(1).article();
        assertThat(second.getId()).isEqualTo(ArticleIds.of(null, "No id and no url: hashed."));
        assertThat(second.getSource()).as("else the file").isEqualTo(f.toString());
        assertThat(second.getContentHash()).isEqualTo(ArticleIds.contentHash("No id and no url: hashed."));

        assertThat(sink.articles.get(2).article().getPublished()).as("an unknown date is dropped, not fatal").isNull();
        assertThat(sink.articles.get(3).id()).isEqualTo("https://news.example/u");

        assertThat(sink.problems).extracting(Problem::where)
                .containsExactly(f + ":3", f + ":6", f + ":7", f + ":8");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(Problem.Kind.BAD_RECORD,
                Problem.Kind.BAD_RECORD, Problem.Kind.BAD_RECORD, Problem.Kind.BAD_FIELD);
        assertThat(sink.problems.get(0).message()).startsWith("not valid JSON");
        assertThat(sink.problems.get(1).message()).isEqualTo("expected a JSON object, found an array");
        assertThat(sink.problems.get(2).message()).contains("has no \"text\"");
        assertThat(sink.problems.get(3).message()).contains("'yesterday'").contains("published without it");
    }

    @Test
    void archiveDatesAreReadAndStoredAsInstants() {
        Path f = write(dir.resolve("dates.jsonl"), "{\"text\":\"t1\",\"published\":\"26-FEB-1987 16:23:47.79\"}\n"
                + "{\"text\":\"t2\",\"published\":\"Jan 01, 2020\"}\n{\"text\":\"t3\",\"published\":1700000000000}\n");
        CollectingSink sink = readFile(f);
        assertThat(sink.articles).extracting(a -> a.article().getPublished()).containsExactly(
                Instant.parse("1987-02-26T16:23:47.790Z"), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void byteOrderMarkCrlfAndInvalidBytesAreHandledPerLine() {
        byte[] content = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("{\"text\":\"first\"}\r\n{\"text\":\"bad "), new byte[] {(byte) 0xE0, (byte) 0x41},
                utf8(" byte\"}\r\n"));
        Path f = write(dir.resolve("bom.jsonl"), content);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly("first", "bad \uFFFDA byte");
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(f + ":2");
            assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID_BYTES);
        });
    }

    @Test
    void anOversizeLineIsSkippedWithoutStoppingTheFile() {
        ReadOptions small = Fixtures.OPTIONS.withMaxTextBytes(100);
        String jsonl = "{\"text\":\"" + "x".repeat(150) + "\"}\n"
                + "{\"text\":\"fits\"}\n";
        Path f = write(dir.resolve("big.jsonl"), jsonl);
        CollectingSink sink = Fixtures.readFiles(small, null, f.toString());

        assertThat(sink.articles).extracting(SourceArticle::origin).containsExactly(f + ":2");
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(f + ":1");
            assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE);
            assertThat(p.message()).contains("150 bytes").contains("100 bytes limit");
        });
    }

    @Test
    void lineReaderDropsALineOverItsLimitWithoutBufferingItAndGoesOn() throws Exception {
        byte[] content = utf8("short\n" + "y".repeat(200_000) + "\nlast");
        JsonLinesReader.LineReader r = new JsonLinesReader.LineReader(new java.io.ByteArrayInputStream(content), 1000);
        JsonLinesReader.LineReader.Line l1 = r.next();
        JsonLinesReader.LineReader.Line l2 = r.next();
        JsonLinesReader.LineReader.Line l3 = r.next();
        assertThat(new String(l1.bytes())).isEqualTo("short");
        assertThat(l2.tooLong()).isTrue();
        assertThat(l2.number()).isEqualTo(2);
        assertThat(new String(l3.bytes())).isEqualTo("last");
        assertThat(l3.number()).isEqualTo(3);
        assertThat(r.next()).isNull();
    }

    @Test
    void aFileOfOnlyBadLinesPublishesNothingAndSaysWhy() {
        Path f = write(dir.resolve("bad.jsonl"), "nope\nstill nope\n");
        CollectingSink sink = readFile(f);
        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).extracting(Problem::where).containsExactly(f + ":1", f + ":2");
    }

    @Test
    void anEmptyJsonLinesFileIsReported() {
        Path f = write(dir.resolve("empty.jsonl"), "\n\n");
        CollectingSink sink = readFile(f);
        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY);
            assertThat(p.where()).isEqualTo(f.toString());
        });
    }
}
