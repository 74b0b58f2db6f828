package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coopwatch.producer.source.Fixtures.readFile;
import static org.coopwatch.producer.source.Fixtures.write;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.ArticleIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReaderTest {

    @TempDir
    Path dir;

    private static final String NEWS_PAGE = """
            <!DOCTYPE html>
            <html lang="hi-IN">
            <head>
              <meta charset="utf-8">
              <title>भारत-रूस कार्य समूह की बैठक | Example News</title>
              <meta property="og:title" content="भारत-रूस कार्य समूह की बैठक">
              <meta property="article:published_time" content="2024-03-06T10:30:00+05:30">
              <link rel="canonical" href="https://news.example/india-russia-working-group">
              <script>var tracking = "do not publish me";</script>
              <style>.x { color: red }</style>
            </head>
            <body>
              <header><nav><a href="/">Home</a> <a href="/world">World</a></nav><div>Site masthead</div></header>
              <div class="share-buttons"><a href="#">Share on X</a> Share this story</div>
              <article>
                <header><h1>भारत-रूस कार्य समूह की बैठक</h1><time datetime="2020-01-01">1 Jan</time></header>
                <p>आधुनिकीकरण एवं औद्योगिक सहयोग पर भारत-रूस कार्य समूह का 11वां सत्र आयोजित किया गया।</p>
                <script>document.write("ad")</script>
                <p>दोनों पक्षों ने व्यापार बढ़ाने पर सहमति जताई।</p>
                <ul><li>पहला बिंदु: निवेश</li><li>दूसरा बिंदु: <p>ऊर्जा</p></li></ul>
                <aside>Related: <a href="/other">Other story</a></aside>
                <footer>Tags: <a href="/t/india">India</a></footer>
              </article>
              <footer>© Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
            </body>
            </html>
            """;

    @Test
    void aNewsPageGivesTitleDateUrlLanguageAndOnlyTheArticleText() {
        Path f = write(dir.resolve("page.html"), NEWS_PAGE);
        CollectingSink sink = readFile(f);

        RawArticle a = sink.only();
        assertThat(a.getTitle()).isEqualTo("भारत-रूस कार्य समूह की बैठक");
        assertThat(a.getPublished()).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(a.getUrl()).isEqualTo("https://news.example/india-russia-working-group");
        assertThat(a.getId()).isEqualTo("https://news.example/india-russia-working-group");
        assertThat(a.getLanguageHint()).isEqualTo("hi");
        assertThat(a.getSource()).isEqualTo(f.toString());
        assertThat(a.getText()).isEqualTo("""
                भारत-रूस कार्य समूह की बैठक
                आधुनिकीकरण एवं औद्योगिक सहयोग पर भारत-रूस कार्य समूह का 11वां सत्र आयोजित किया गया।
                दोनों पक्षों ने व्यापार बढ़ाने पर सहमति जताई।
                पहला बिंदु: निवेश
                दूसरा बिंदु: ऊर्जा""");
        assertThat(a.getText()).doesNotContain("tracking", "Home", "masthead", "Share", "Related", "Tags", "rights reserved", "ad");
        assertThat(a.getContentHash()).isEqualTo(ArticleIds.contentHash(a.getText()));
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void withoutAnArticleElementTheParagraphsWithTheMostTextWin() {
        String page = """
                <html><head><title>Trade talks</title></head><body>
                <div id="menu"><p><a href="/a">Section A</a></p><p><a href="/b">Section B</a></p></div>
                <div class="content">
                  <p>Officials from India and Russia met on Wednesday to discuss industrial cooperation.</p>
                  <p>The two sides agreed to expand trade in pharmaceuticals and machinery.</p>
                </div>
                <div class="teaser"><p>Short teaser.</p></div>
                <time datetime="2024-03-06">6 March</time>
                </body></html>""";
        RawArticle a = readFile(write(dir.resolve("plain.htm"), page)).only();

        assertThat(a.getTitle()).isEqualTo("Trade talks");
        assertThat(a.getText()).isEqualTo("""
                Officials from India and Russia met on Wednesday to discuss industrial cooperation.
                The two sides agreed to expand trade in pharmaceuticals and machinery.""");
        assertThat(a.getPublished()).isEqualTo(Instant.parse("2024-03-06T00:00:00Z"));
        assertThat(a.getUrl()).isNull();
        assertThat(a.getId()).startsWith("sha256:");
    }

    @Test
    void schemaOrgDateAndOgUrlAreUsedWhenTheUsualTagsAreMissing() {
        String page = """
                <html><head>
                <meta property="og:url" content="https://news.example/story-2">
                <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-05T08:00:00Z"}</script>
                </head><body><main><h1>Headline here</h1><p>Body text of the story.</p></main></body></html>""";
        RawArticle a = readFile(write(dir.resolve("ld.html"), page)).only();

        assertThat(a.getUrl()).isEqualTo("https://news.example/story-2");
        assertThat(a.getPublished()).isEqualTo(Instant.parse("2023-11-05T08:00:00Z"));
        assertThat(a.getTitle()).isEqualTo("Headline here");
        assertThat(a.getText()).isEqualTo("Headline here\nBody text of the story.");
    }

    @Test
    void aRelativeCanonicalLinkAndAnUnknownDateAreWarningsNotFailures() {
        String page = """
                <html><head><title>T</title><link rel="canonical" href="/relative/path">
                <meta property="article:published_time" content="last Tuesday"></head>
                <body><article><p>Some article text.</p></article></body></html>""";
        Path f = write(dir.resolve("odd.html"), page);
        CollectingSink sink = readFile(f);

        RawArticle a = sink.only();
        assertThat(a.getUrl()).isNull();
        assertThat(a.getId()).startsWith("sha256:");
        assertThat(a.getPublished()).isNull();
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(Problem.Kind.BAD_FIELD, Problem.Kind.BAD_FIELD);
        assertThat(sink.problems).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.kind().skips()).isFalse();
        });
        assertThat(sink.problems.get(0).message()).contains("'/relative/path'").contains("content hash");
        assertThat(sink.problems.get(1).message()).contains("'last Tuesday'");
    }

    @Test
    void textSetInDivsAndLineBreaksIsKeptLineByLine() {
        String page = "<html><body><div>First line of the story<br>second line</div><div>third line</div></body></html>";
        RawArticle a = readFile(write(dir.resolve("divs.html"), page)).only();
        assertThat(a.getText()).isEqualTo("First line of the story\nsecond line\nthird line");
        assertThat(a.getTitle()).isNull();
    }

    @Test
    void aDeclaredLegacyCharsetIsHonoured() {
        String page = "<html><head><meta charset=\"windows-1251\"><title>Новости</title></head>"
                + "<body><article><p>Россия и Индия.</p></article></body></html>";
        CollectingSink sink = readFile(write(dir.resolve("ru.html"), page.getBytes(Charset.forName("windows-1251"))));
        assertThat(sink.only().getText()).isEqualTo("Россия и Индия.");
        assertThat(sink.only().getTitle()).isEqualTo("Новости");
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void aPageWithOnlyBoilerplateIsReportedEmpty() {
        String page = "<html><head><title>Menu</title><script>x()</script></head>"
                + "<body><nav><a href='/'>Home</a></nav><footer>© 2024</footer></body></html>";
        Path f = write(dir.resolve("nav-only.html"), page);
        CollectingSink sink = readFile(f);

        assertThat(sink.articles).isEmpty();
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.EMPTY);
            assertThat(p.message()).contains("no readable text");
        });
    }

    @Test
    void binaryDataNamedHtmlIsRejected() {
        byte[] gzip = {0x1F, (byte) 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03};
        CollectingSink sink = readFile(write(dir.resolve("page.html"), gzip));
        assertThat(sink.articles).isEmpty();
        assertThat(sink.kinds()).containsExactly(Problem.Kind.BINARY);
    }
}
