package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopwatch.producer.source.Fixtures.utf8;
import static org.coopwatch.producer.source.Fixtures.write;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    @Test
    void foldersAreWalkedRecursivelyInSortedOrderSkippingHiddenEntries() {
        Path news = dir.resolve("news");
        write(news.resolve("b.txt"), "B\nbody b");
        write(news.resolve("a.txt"), "A\nbody a");
        write(news.resolve("2024/03/z.html"), "<html><body><p>z page</p></body></html>");
        write(news.resolve("2024/01/x.jsonl"), "{\"text\":\"x1\"}\n{\"text\":\"x2\"}\n");
        write(news.resolve("2024/01/y.json"), "[{\"text\":\"y1\"}]");
        write(news.resolve(".git/config"), "[core]");
        write(news.resolve(".DS_Store"), new byte[] {0, 0, 1});

        FileSource source = new FileSource(Fixtures.OPTIONS, Formats.standard(), null);
        FileSource.Plan plan = source.plan(List.of(news.toString()));

        String n = news.toString();
        assertThat(plan.files()).extracting(FileSource.Planned::name).containsExactly(
                n + "/2024/01/x.jsonl", n + "/2024/01/y.json", n + "/2024/03/z.html", n + "/a.txt", n + "/b.txt");
        assertThat(plan.rejected()).isEmpty();

        CollectingSink sink = Fixtures.readFiles(news.toString());
        assertThat(sink.articles).extracting(a -> a.article().getText())
                .containsExactly("x1", "x2", "y1", "z page", "A\nbody a", "B\nbody b");
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void unknownExtensionsAndMissingPathsAreReportedByName() {
        Path pdf = write(dir.resolve("in/report.pdf"), "%PDF-1.4");
        write(dir.resolve("in/noext"), "text without extension");
        write(dir.resolve("in/ok.txt"), "fine");
        Path missing = dir.resolve("nope.txt");

        FileSource source = new FileSource(Fixtures.OPTIONS, Formats.standard(), null);
        FileSource.Plan plan = source.plan(List.of(dir.resolve("in").toString(), missing.toString()));

        assertThat(plan.files()).extracting(FileSource.Planned::name).containsExactly(dir.resolve("in/ok.txt").toString());
        assertThat(plan.rejected()).extracting(Problem::file, Problem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(dir.resolve("in/noext").toString(), Problem.Kind.UNSUPPORTED),
                org.assertj.core.groups.Tuple.tuple(pdf.toString(), Problem.Kind.UNSUPPORTED),
                org.assertj.core.groups.Tuple.tuple(missing.toString(), Problem.Kind.UNREADABLE));
        assertThat(plan.rejected().get(1).message()).contains(".txt").contains(".jsonl");
        assertThat(plan.rejected().get(2).message()).isEqualTo("no such file or folder");
        assertThat(plan.inputs()).isEqualTo(4);
    }

    @Test
    void anEmptyFolderIsReported() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FileSource.Plan plan = new FileSource(Fixtures.OPTIONS, Formats.standard(), null).plan(List.of(empty.toString()));
        assertThat(plan.files()).isEmpty();
        assertThat(plan.rejected()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY);
            assertThat(p.file()).isEqualTo(empty.toString());
        });
    }

    @Test
    void aFileNamedTwiceIsReadOnce() {
        Path f = write(dir.resolve("d/one.txt"), "one");
        FileSource.Plan plan = new FileSource(Fixtures.OPTIONS, Formats.standard(), null)
                .plan(List.of(f.toString(), dir.resolve("d").toString()));
        assertThat(plan.files()).hasSize(1);
    }

    @Test
    void extensionsAreMatchedWithoutRegardToCase() {
        Path f = write(dir.resolve("UPPER.TXT"), "shouting");
        assertThat(Fixtures.readFile(f).only().getText()).isEqualTo("shouting");
    }

    @Test
    void binaryJsonIsRejectedBeforeParsing() {
        Path f = write(dir.resolve("data.jsonl"), new byte[] {'{', 0, 0, 0, '}'});
        CollectingSink sink = Fixtures.readFile(f);
        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.BINARY);
            assertThat(p.where()).isEqualTo(f.toString());
        });
    }

    @Test
    void stdinStartingWithABraceIsJsonLines() {
        byte[] in = utf8("\n  {\"text\":\"one\"}\n{\"text\":\"two\",\"url\":\"https://news.example/2\"}\nbad\n");
        CollectingSink sink = Fixtures.readFiles(Fixtures.OPTIONS, new ByteArrayInputStream(in), "-");

        assertThat(sink.articles).extracting(SourceArticle::origin).containsExactly("<stdin>:2", "<stdin>:3");
        assertThat(sink.articles.get(0).article().getSource()).isEqualTo("stdin");
        assertThat(sink.articles.get(1).id()).isEqualTo("https://news.example/2");
        assertThat(sink.problems).extracting(Problem::where).containsExactly("<stdin>:4");
    }

    @Test
    void otherStdinIsOneTextArticle() {
        byte[] in = utf8("Headline\nA body that mentions {braces} later.\n");
        CollectingSink sink = Fixtures.readFiles(Fixtures.OPTIONS, new ByteArrayInputStream(in), "-");
        assertThat(sink.only().getTitle()).isEqualTo("Headline");
        assertThat(sink.only().getText()).isEqualTo("Headline\nA body that mentions {braces} later.");
        assertThat(sink.articles.get(0).origin()).isEqualTo("<stdin>");
    }

    @Test
    void emptyStdinIsReported() {
        CollectingSink sink = Fixtures.readFiles(Fixtures.OPTIONS, new ByteArrayInputStream(new byte[0]), "-");
        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("<stdin>");
            assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY);
        });
    }

    @Test
    void usageErrorsAreExceptionsWithAMessage() {
        FileSource source = new FileSource(Fixtures.OPTIONS, Formats.standard(), new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(() -> source.plan(List.of("-", "-"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only once");
        assertThatThrownBy(() -> source.plan(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no input");
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersAreRead() throws Exception {
        Path locked = write(dir.resolve("x/locked.txt"), "secret");
        write(dir.resolve("x/open.txt"), "open");
        locked.toFile().setReadable(false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as a user who reads everything (root)");
            CollectingSink sink = Fixtures.readFiles(dir.resolve("x").toString());
            assertThat(sink.articles).extracting(a -> a.article().getText()).containsExactly("open");
            assertThat(sink.problems).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE);
                assertThat(p.file()).isEqualTo(locked.toString());
            });
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    @Test
    void anIoErrorWhileReadingIsReportedWithWhatWasReadBefore() {
        ArticleReader failing = new ArticleReader() {
            @Override
            public String format() {
                return "failing";
            }

            @Override
            public void read(Input input, ReadOptions options, ReadSink sink) throws java.io.IOException {
                sink.article(new SourceArticle(input.name() + ":1",
                        Articles.build("first", null, null, input.source(), null, null, options), 5));
                throw new java.io.IOException("Input/output error");
            }
        };
        Path f = write(dir.resolve("disk.flaky"), "whatever");
        FileSource source = new FileSource(Fixtures.OPTIONS, Formats.standard().with("flaky", failing), null);
        FileSource.Plan plan = source.plan(List.of(f.toString()));
        CollectingSink sink = new CollectingSink();
        FileSource.Outcome outcome = source.read(plan.files().get(0), sink);

        assertThat(outcome.articles()).isEqualTo(1);
        assertThat(outcome.skipped()).isFalse();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE);
            assertThat(p.toString()).isEqualTo(f + ": skipped, cannot read: Input/output error (after 1 article)");
        });
    }
}
