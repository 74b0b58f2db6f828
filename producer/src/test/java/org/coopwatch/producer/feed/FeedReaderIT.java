package org.coopwatch.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.producer.ArticlePublisher;
import org.coopwatch.producer.BrokerFixture;
import org.coopwatch.producer.ProgressListener;
import org.coopwatch.producer.TestTopics;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds from a local HTTP server to the embedded broker's raw topic. */
class FeedReaderIT extends BrokerFixture {

    @TempDir
    Path dataDir;
    FeedServer server;

    @BeforeEach
    void startServer() {
        server = new FeedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FeedReader reader(ArticlePublisher publisher, String... paths) throws Exception {
        FeedReader.Builder b = FeedReader.builder(publisher).dataDir(dataDir.resolve("feeds"))
                .politeness(Duration.ofMillis(20)).timeout(Duration.ofSeconds(5))
                .retries(1, Duration.ofMillis(50)).readOptions(ReadOptions.defaults());
        for (String p : paths) b.feed(server.base() + p);
        return b.build();
    }

    private void serveGoodFeeds() {
        server.put("/rss.xml", FeedServer.Page.ok("application/rss+xml", server.resource("/feeds/rss.xml")).withEtag("\"rss-v1\""));
        server.put("/atom.xml", FeedServer.Page.ok("application/atom+xml; charset=utf-8", server.resource("/feeds/atom.xml"))
                .withLastModified("Wed, 20 Aug 2025 06:00:00 GMT"));
        for (String page : List.of("defence", "energy", "hindi")) {
            server.put("/pages/" + page + ".html", FeedServer.Page.ok("text/html", server.resource("/pages/" + page + ".html")));
        }
    }

    @Test
    void itemsArePublishedWithTheirPageTextAnUnchangedFeedGivesNothingAndARestartRepublishesNothing() throws Exception {
        String topic = "articles.raw.feeds";
        TestTopics.create(kafka, topic, 2);
        serveGoodFeeds();
        String b = server.base();

        FeedReport first;
        FeedReport second;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults());
             FeedReader feeds = reader(publisher, "/rss.xml", "/atom.xml")) {
            first = feeds.pollOnce(ProgressListener.NONE);
            second = feeds.pollOnce(ProgressListener.NONE);
        }

        assertThat(first.problems()).isEmpty();
        assertThat(first.published()).isEqualTo(3);
        assertThat(first.summary()).isEqualTo("polled 2 feeds: 0 unchanged, 3 new items, 3 published");
        Map<String, RawArticle> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, RawArticle> r : TestTopics.readAll(kafka, topic)) byKey.put(r.key(), r.value());
        assertThat(byKey).containsOnlyKeys(b + "/pages/defence.html", b + "/pages/energy.html", b + "/pages/hindi.html");
        RawArticle defence = byKey.get(b + "/pages/defence.html");
        assertThat(defence.getText()).isEqualTo("India and Russia agree on defence production\n"
                + "India and Russia agreed on Tuesday to produce spare parts for Russian-made equipment in India,"
                + " officials said after talks in New Delhi.\n"
                + "The two sides also discussed training for Indian engineers at Russian plants.");
        assertThat(defence.getTitle()).isEqualTo("India and Russia agree on defence production");
        assertThat(defence.getSource()).isEqualTo("Test Wire: World");
        assertThat(defence.getPublished()).isEqualTo(Instant.parse("2025-08-19T08:30:00Z"));
        assertThat(defence.getLanguageHint()).isEqualTo("en");
        RawArticle energy = byKey.get(b + "/pages/energy.html");
        assertThat(energy.getText()).startsWith("The energy ministers").doesNotContain("Trending");
        assertThat(energy.getUrl()).isEqualTo(b + "/pages/energy.html");
        assertThat(energy.getPublished()).isEqualTo(Instant.parse("2025-08-19T10:00:00Z"));
        RawArticle hindi = byKey.get(b + "/pages/hindi.html");
        assertThat(hindi.getText()).startsWith("भारत और रूस के अधिकारियों");
        assertThat(hindi.getSource()).isEqualTo("परीक्षण समाचार");
        assertThat(hindi.getLanguageHint()).isEqualTo("hi");
        assertThat(hindi.getPublished()).isEqualTo(Instant.parse("2025-08-20T00:00:00Z"));

        // the second round asked "changed since?" and was told no: nothing fetched, nothing published
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(second.published()).isZero();
        assertThat(server.requests).filteredOn(r -> r.path().equals("/rss.xml")).extracting(FeedServer.Request::ifNoneMatch,
                FeedServer.Request::status).containsExactly(tuple(null, 200), tuple("\"rss-v1\"", 304));
        assertThat(server.requests).filteredOn(r -> r.path().equals("/atom.xml")).extracting(
                FeedServer.Request::ifModifiedSince).containsExactly(null, "Wed, 20 Aug 2025 06:00:00 GMT");
        assertThat(server.count("/pages/defence.html")).isEqualTo(1);
        assertThat(server.requests).allSatisfy(r -> assertThat(r.userAgent()).startsWith("coopwatch/"));

        // a restart, against a server that ignores validators: the memory alone keeps everything from coming back
        server.honourValidators = false;
        FeedReport afterRestart;
        FeedReport withNewItem;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults());
             FeedReader feeds = reader(publisher, "/rss.xml", "/atom.xml")) {
            afterRestart = feeds.pollOnce(ProgressListener.NONE);
            String rss = new String(server.resource("/feeds/rss.xml"), StandardCharsets.UTF_8).replaceFirst("<item>",
                    "<item><title>New item</title><link>" + b + "/pages/new.html</link><guid>wire-1003</guid>"
                            + "<description>New summary.</description></item>\n    <item>");
            server.put("/rss.xml", FeedServer.Page.ok("application/rss+xml", rss.getBytes(StandardCharsets.UTF_8)));
            server.put("/pages/new.html", FeedServer.Page.ok("text/html",
                    "<html><body><p>A new article about a new agreement.</p></body></html>".getBytes(StandardCharsets.UTF_8)));
            withNewItem = feeds.pollOnce(ProgressListener.NONE);
        }
        assertThat(afterRestart.unchanged()).isZero();
        assertThat(afterRestart.newItems()).isZero();
        assertThat(afterRestart.published()).isZero();
        assertThat(withNewItem.newItems()).isEqualTo(1);
        assertThat(withNewItem.published()).isEqualTo(1);
        List<ConsumerRecord<String, RawArticle>> all = TestTopics.readAll(kafka, topic);
        assertThat(all).hasSize(4);
        assertThat(all).filteredOn(r -> r.key().equals(b + "/pages/new.html")).singleElement()
                .satisfies(r -> assertThat(r.value().getText()).isEqualTo("A new article about a new agreement."));
    }

    @Test
    void brokenFeedsAndPagesAreNamedAndTheRestGoesThrough() throws Exception {
        String topic = "articles.raw.broken-feeds";
        TestTopics.create(kafka, topic, 1);
        serveGoodFeeds();
        String b = server.base();
        server.put("/empty-body.xml", FeedServer.Page.ok("application/rss+xml", new byte[0]));
        server.put("/no-items.xml", FeedServer.Page.ok("application/rss+xml",
                "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>".getBytes(StandardCharsets.UTF_8)));
        server.put("/malformed.xml", FeedServer.Page.ok("application/rss+xml",
                "<rss version=\"2.0\"><channel><title>Broken</title>\n<item><title>x</titel></item>".getBytes(StandardCharsets.UTF_8)));
        server.put("/xxe.xml", FeedServer.Page.ok("application/rss+xml", ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]>\n<rss version=\"2.0\"><channel><item><title>&x;</title></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8)));
        server.put("/page.html", FeedServer.Page.ok("text/html", "<html><body>not a feed</body></html>".getBytes(StandardCharsets.UTF_8)));
        server.put("/error.xml", new FeedServer.Page(500, "text/plain", "down".getBytes(StandardCharsets.UTF_8), null, null, -1));
        // a good feed whose pages are broken in every way
        String items = item("truncated", "Summary T.") + item("cyrillic", "Summary C.") + item("huge", "Summary of the huge page.")
                + item("binary", "Summary of the binary page.") + item("gone", null) + item("fine", "Summary F.");
        server.put("/mixed.xml", FeedServer.Page.ok("application/rss+xml",
                ("<rss version=\"2.0\"><channel><title>Mixed</title>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8)));
        server.put("/pages/truncated.html", FeedServer.Page.ok("text/html",
                "<html><body><article><p>The talks on trade ended early and the ministers left without a stat".getBytes(StandardCharsets.UTF_8)));
        server.put("/pages/cyrillic.html", FeedServer.Page.ok("text/html; charset=utf-8",
                "<html><body><p>Россия и Индия подписали соглашение о торговле и сотрудничестве в области энергетики.</p></body></html>"
                        .getBytes(Charset.forName("windows-1251"))));
        server.put("/pages/huge.html", new FeedServer.Page(200, "text/html", null, null, null, 50L << 20));
        server.put("/pages/binary.html", FeedServer.Page.ok("text/html", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2}));
        server.put("/pages/fine.html", FeedServer.Page.ok("text/html",
                "<html><body><p>Everything about this page is fine.</p></body></html>".getBytes(StandardCharsets.UTF_8)));

        FeedReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults());
             FeedReader feeds = reader(publisher, "/empty-body.xml", "/no-items.xml", "/malformed.xml", "/xxe.xml",
                     "/page.html", "/error.xml", "/missing.xml", "/mixed.xml", "/rss.xml")) {
            report = feeds.pollOnce(ProgressListener.NONE);
        }

        assertThat(report.problems()).extracting(Problem::file, Problem::kind).containsExactlyInAnyOrder(
                tuple(b + "/empty-body.xml", Problem.Kind.NOT_A_FEED),
                tuple(b + "/no-items.xml", Problem.Kind.EMPTY),
                tuple(b + "/malformed.xml", Problem.Kind.NOT_A_FEED),
                tuple(b + "/xxe.xml", Problem.Kind.NOT_A_FEED),
                tuple(b + "/page.html", Problem.Kind.NOT_A_FEED),
                tuple(b + "/error.xml", Problem.Kind.UNREADABLE),
                tuple(b + "/missing.xml", Problem.Kind.UNREADABLE),
                tuple(b + "/pages/cyrillic.html", Problem.Kind.CHARSET_DETECTED),
                tuple(b + "/pages/huge.html", Problem.Kind.SUMMARY_ONLY),
                tuple(b + "/pages/binary.html", Problem.Kind.SUMMARY_ONLY),
                tuple(b + "/pages/gone.html", Problem.Kind.UNREADABLE));
        Map<String, String> messages = new LinkedHashMap<>();
        report.problems().forEach(p -> messages.put(p.file().substring(b.length()), p.toString()));
        assertThat(messages.get("/empty-body.xml")).isEqualTo(b + "/empty-body.xml: skipped, empty response: no feed in it");
        assertThat(messages.get("/no-items.xml")).endsWith("the RSS 2.0 feed lists no items");
        assertThat(messages.get("/malformed.xml")).contains("malformed XML at line 2");
        assertThat(messages.get("/xxe.xml")).contains("malformed XML").doesNotContain("root:");
        assertThat(messages.get("/page.html")).contains("root element <html>").contains("is the feed URL right?");
        assertThat(messages.get("/error.xml")).contains("HTTP 500 Internal Server Error (2 attempts)");
        assertThat(messages.get("/missing.xml")).contains("HTTP 404 Not Found");
        assertThat(messages.get("/pages/cyrillic.html")).contains("windows-1251");
        assertThat(messages.get("/pages/huge.html")).contains("larger than the 16 MiB limit").contains("published the feed's summary");
        assertThat(messages.get("/pages/binary.html")).contains("NUL bytes").contains("published the feed's summary");
        assertThat(messages.get("/pages/gone.html")).contains("HTTP 404").contains("the feed gives no summary");
        assertThat(report.failedFeeds()).isEqualTo(6);
        assertThat(report.published()).isEqualTo(5 + 2);
        assertThat(report.summary()).isEqualTo("polled 9 feeds: 0 unchanged, 8 new items, 7 published (2 from the"
                + " feed's summary); 6 feeds FAILED; 1 item skipped");
        assertThat(report.summaries()).isEqualTo(2);

        Map<String, String> texts = new LinkedHashMap<>();
        for (ConsumerRecord<String, RawArticle> r : TestTopics.readAll(kafka, topic)) texts.put(r.key(), r.value().getText());
        assertThat(texts).hasSize(7);
        assertThat(texts.get(b + "/pages/truncated.html")).isEqualTo("The talks on trade ended early and the ministers left without a stat");
        assertThat(texts.get(b + "/pages/cyrillic.html")).isEqualTo("Россия и Индия подписали соглашение о торговле и сотрудничестве в области энергетики.");
        assertThat(texts.get(b + "/pages/huge.html")).isEqualTo("Summary of the huge page.");
        assertThat(texts.get(b + "/pages/binary.html")).isEqualTo("Summary of the binary page.");
        assertThat(texts.get(b + "/pages/fine.html")).isEqualTo("Everything about this page is fine.");
        assertThat(texts).containsKey(b + "/pages/defence.html");
    }

    private String item(String page, String summary) {
        return "<item><title>" + page + "</title><link>" + server.base() + "/pages/" + page + ".html</link><guid>" + page
                + "</guid>" + (summary == null ? "" : "<description>" + summary + "</description>") + "</item>";
    }
}
