package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopwatch.producer.source.Fixtures.concat;
import static org.coopwatch.producer.source.Fixtures.readFile;
import static org.coopwatch.producer.source.Fixtures.utf8;
import static org.coopwatch.producer.source.Fixtures.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.ArticleIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReaderTest {

    @TempDir
    Path dir;

    @Test
    void firstShortLineIsTheTitleAndTheWholeFileTheText() {
        Path f = write(dir.resolve("story.txt"), "Ministers meet in Delhi\r\nIndia and Russia signed a trade pact.\r\nMore talks follow.\r\n");
        CollectingSink sink = readFile(f);

        RawArticle a = sink.only();
        assertThat(a.getTitle()).isEqualTo("Ministers meet in Delhi");
        assertThat(a.getText()).isEqualTo("Ministers meet in Delhi\nIndia and Russia signed a trade pact.\nMore talks follow.");
        assertThat(a.getId()).isEqualTo(ArticleIds.of(null, a.getText())).startsWith("sha256:");
        assertThat(a.getContentHash()).isEqualTo(ArticleIds.contentHash(a.getText()));
        assertThat(a.getSource()).isEqualTo(f.toString());
        assertThat(a.getUrl()).isNull();
        assertThat(a.getIngested()).isEqualTo(Fixtures.NOW);
        assertThat(sink.articles.get(0).origin()).isEqualTo(f.toString());
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void aLongFirstLineOrASingleLineIsNoTitle() {
        CollectingSink one = readFile(write(dir.resolve("one.txt"), "Only one line of text here."));
        assertThat(one.only().getTitle()).isNull();

        CollectingSink longFirst = readFile(write(dir.resolve("long.txt"), "x".repeat(201) + "\nsecond line"));
        assertThat(longFirst.only().getTitle()).isNull();
    }

    @Test
    void utf8ByteOrderMarkIsDroppedAndDoesNotChangeTheId() {
        byte[] body = utf8("शीर्षक\nभारत और रूस ने समझौता किया।");
        RawArticle withBom = readFile(write(dir.resolve("bom.txt"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body))).only();
        RawArticle without = readFile(write(dir.resolve("plain.txt"), body)).only();

        assertThat(withBom.getText()).doesNotStartWith("\uFEFF").startsWith("शीर्षक");
        assertThat(withBom.getTitle()).isEqualTo("शीर्षक");
        assertThat(withBom.getId()).isEqualTo(without.getId());
    }

    @Test
    void utf16WithByteOrderMarkIsRead() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        Path f = write(dir.resolve("utf16.txt"), concat(bom, "Заголовок\nРоссия и Индия.".getBytes(StandardCharsets.UTF_16LE)));
        CollectingSink sink = readFile(f);
        assertThat(sink.only().getText()).isEqualTo("Заголовок\nРоссия и Индия.");
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void invalidUtf8BytesAreReplacedCountedAndReportedWithThePlace() {
        byte[] content = concat(utf8("Title\nabc "), new byte[] {(byte) 0xC3}, utf8(" def "),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8(" ghi"));
        Path f = write(dir.resolve("broken.txt"), content);
        CollectingSink sink = readFile(f);

        RawArticle a = sink.only();
        assertThat(a.getText()).isEqualTo("Title\nabc \uFFFD def \uFFFD\uFFFD ghi");
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID_BYTES);
            assertThat(p.kind().skips()).isFalse();
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.message()).contains("3 invalid UTF-8 byte sequences").contains("first at byte 10");
        });
    }

    @Test
    void legacyEncodingsAreDetectedAndReadWithAWarning() {
        String russian = "Россия и Индия подписали соглашение о сотрудничестве в области торговли.";
        String french = "Le président a signé un accord de coopération économique à Paris après deux jours de négociations,"
                + " a précisé le ministère.";
        Path cp1251 = write(dir.resolve("cp1251.txt"), russian.getBytes(Charset.forName("windows-1251")));
        Path koi8 = write(dir.resolve("koi8.txt"), russian.getBytes(Charset.forName("KOI8-R")));
        Path latin = write(dir.resolve("latin.txt"), french.getBytes(Charset.forName("windows-1252")));
        CollectingSink sink = Fixtures.readFiles(cp1251.toString(), koi8.toString(), latin.toString());

        assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly(russian, russian, french);
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(Problem.Kind.CHARSET_DETECTED);
        assertThat(sink.problems).extracting(Problem::toString).containsExactly(
                cp1251 + ": warning, not UTF-8 (62 invalid sequences); read as windows-1251, the charset its bytes fit",
                koi8 + ": warning, not UTF-8 (62 invalid sequences); read as KOI8-R, the charset its bytes fit",
                latin + ": warning, not UTF-8 (10 invalid sequences); read as windows-1252, the charset its bytes fit");
    }

    @Test
    void bytesThatFitNoKnownCharsetAreRejectedNotPublishedAsGarbage() {
        byte[] noise = new byte[200];
        for (int i = 0; i < noise.length; i++) noise[i] = (byte) (i % 3 == 0 ? ' ' : 0x80 + (i * 7) % 0x40);
        Path f = write(dir.resolve("noise.txt"), noise);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_UTF8);
            assertThat(p.message()).contains("convert the file to UTF-8");
            assertThat(p.toString()).startsWith(f + ": skipped,");
        });
    }

    @Test
    void binaryFileIsRejectedByName() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        Path f = write(dir.resolve("photo.txt"), png);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.BINARY);
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.message()).contains("NUL bytes");
        });
    }

    @Test
    void aNulByteAfterTheFirstBlockIsStillCaught() {
        byte[] content = concat(utf8("Title\n" + "a".repeat(10_000)), new byte[] {0}, utf8("tail"));
        CollectingSink sink = readFile(write(dir.resolve("late-nul.txt"), content));
        assertThat(sink.articles).isEmpty();
        assertThat(sink.kinds()).containsExactly(Problem.Kind.BINARY);
    }

    @Test
    void emptyAndBlankFilesAreReported() {
        CollectingSink empty = readFile(write(dir.resolve("empty.txt"), new byte[0]));
        assertThat(empty.articles).isEmpty();
        assertThat(empty.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY);
            assertThat(p.message()).isEqualTo("empty file");
        });

        CollectingSink blank = readFile(write(dir.resolve("blank.txt"), " \n\t\r\n"));
        assertThat(blank.articles).isEmpty();
        assertThat(blank.problems).singleElement().satisfies(p -> assertThat(p.message()).contains("only white space"));
    }

    @Test
    void textOverTheLimitIsSkippedWithTheSizesInTheMessage() {
        ReadOptions small = Fixtures.OPTIONS.withMaxTextBytes(1000);
        Path within = write(dir.resolve("ok.txt"), "T\n" + "a".repeat(998));
        Path over = write(dir.resolve("big.txt"), "T\n" + "a".repeat(1500));
        Path huge = write(dir.resolve("huge.txt"), "T\n" + "a".repeat(5000));

        CollectingSink sink = Fixtures.readFiles(small, null, within.toString(), over.toString(), huge.toString());

        assertThat(sink.articles).extracting(SourceArticle::origin).containsExactly(within.toString());
        assertThat(sink.problems).hasSize(2).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.TOO_LARGE));
        assertThat(sink.problems.get(0).toString()).isEqualTo(over + ": skipped, article text is 1.5 KiB, over the"
                + " 1000 bytes limit (raise it with --max-text-size, or split the file)");
        assertThat(sink.problems.get(1).file()).isEqualTo(huge.toString());
        assertThat(sink.problems.get(1).message()).contains("file is 4.9 KiB");
    }

    @Test
    void languageHintComesFromATwoLetterCodeInTheFileName() {
        assertThat(readFile(write(dir.resolve("a.hi.txt"), "x\ny")).only().getLanguageHint()).isEqualTo("hi");
        assertThat(readFile(write(dir.resolve("a.RU.txt"), "x\ny")).only().getLanguageHint()).isNull();
        assertThat(readFile(write(dir.resolve("report.v2.txt"), "x\ny")).only().getLanguageHint()).isNull();
        assertThat(readFile(write(dir.resolve("plain.txt"), "x\ny")).only().getLanguageHint()).isNull();
    }

    @Test
    void theSeedArticleReadsAsOneHindiArticle() throws IOException {
        Path seed = dir.resolve("india-russia-working-group.hi.txt");
        try (InputStream in = getClass().getResourceAsStream("/seed/india-russia-working-group.hi.txt")) {
            Files.copy(in, seed);
        }
        CollectingSink sink = readFile(seed);

        RawArticle a = sink.only();
        String expected = Files.readString(seed, StandardCharsets.UTF_8).strip();
        assertThat(a.getText()).isEqualTo(expected);
        assertThat(a.getTitle()).isEqualTo(expected.lines().findFirst().orElseThrow().strip());
        assertThat(a.getLanguageHint()).isEqualTo("hi");
        assertThat(a.getId()).isEqualTo("sha256:" + ArticleIds.contentHash(expected).substring(0, 32));
        assertThat(sink.problems).isEmpty();
    }
}
