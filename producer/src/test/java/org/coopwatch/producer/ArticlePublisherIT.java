package org.coopwatch.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.schemas.topic.TopicNames;
import org.coopwatch.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to the real embedded broker, read back with a read_committed consumer. One broker for the class. */
class ArticlePublisherIT extends BrokerFixture {

    @TempDir
    Path dir;

    @Test
    void aFolderOfGoodAndBadFilesPublishesEveryGoodArticleExactlyOnceAndNamesEveryBadFile() throws Exception {
        String topic = "articles.raw.folder";
        TestTopics.create(kafka, topic, 3);
        Path news = dir.resolve("news");
        String textA = "Ministers meet\nIndia and Russia agreed to expand trade.";
        write(news.resolve("a.txt"), textA.getBytes(StandardCharsets.UTF_8));
        Path seed = news.resolve("seed/india-russia-working-group.hi.txt");
        Files.createDirectories(seed.getParent());
        try (InputStream in = getClass().getResourceAsStream("/seed/india-russia-working-group.hi.txt")) {
            Files.copy(in, seed);
        }
        String seedText = Files.readString(seed).strip();
        write(news.resolve("web/page.html"), """
                <html lang="en"><head><title>Talks</title>
                <link rel="canonical" href="https://news.example/talks"></head>
                <body><nav>Home</nav><article><p>India and Russia held talks.</p></article></body></html>
                """.getBytes(StandardCharsets.UTF_8));
        write(news.resolve("feeds/batch.jsonl"), String.join("\n",
                "{\"id\":\"wire-1\",\"text\":\"First wire story.\",\"source\":\"Wire\"}",
                "{\"text\": broken",
                "{\"url\":\"https://news.example/wire-2\",\"text\":\"Second wire story.\"}", "")
                .getBytes(StandardCharsets.UTF_8));
        write(news.resolve("feeds/list.json"),
                "[{\"id\":\"list-1\",\"text\":\"One.\"},{\"id\":\"list-2\",\"text\":\"Two.\"}]".getBytes(StandardCharsets.UTF_8));
        // the bad ones
        write(news.resolve("bin/photo.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        write(news.resolve("docs/report.pdf"), "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        write(news.resolve("empty.txt"), new byte[0]);
        write(news.resolve("big.txt"), ("Big\n" + "word ".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        write(news.resolve("legacy.txt"), "Россия и Индия подписали соглашение о торговле и сотрудничестве."
                .getBytes(Charset.forName("windows-1251")));

        RecordingListener listener = new RecordingListener();
        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults().withMaxTextBytes(64 << 10))) {
            report = publisher.publish(List.of(news.toString()), listener);
        }

        String n = news.toString();
        assertThat(report.failedSends()).isEmpty();
        assertThat(report.published()).isEqualTo(8);
        assertThat(report.articlesRead()).isEqualTo(8);
        assertThat(report.inputsTotal()).isEqualTo(10);
        assertThat(report.inputsSkipped()).isEqualTo(4);
        assertThat(report.recordsSkipped()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(PublishReport.EXIT_INPUT_SKIPPED);
        assertThat(report.problems()).extracting(Problem::where, Problem::kind).containsExactlyInAnyOrder(
                tuple(n + "/bin/photo.txt", Problem.Kind.BINARY),
                tuple(n + "/docs/report.pdf", Problem.Kind.UNSUPPORTED),
                tuple(n + "/empty.txt", Problem.Kind.EMPTY),
                tuple(n + "/big.txt", Problem.Kind.TOO_LARGE),
                tuple(n + "/legacy.txt", Problem.Kind.CHARSET_DETECTED),
                tuple(n + "/feeds/batch.jsonl:2", Problem.Kind.BAD_RECORD));
        assertThat(listener.started).isEqualTo(topic + " 10");
        assertThat(listener.problems).containsExactlyElementsOf(report.problems());
        assertThat(listener.finished).isSameAs(report);

        List<ConsumerRecord<String, RawArticle>> records = TestTopics.readAll(kafka, topic);
        Map<String, RawArticle> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, RawArticle> r : records) {
            assertThat(byKey.put(r.key(), r.value())).as("key %s published twice", r.key()).isNull();
            assertThat(r.value().getId()).isEqualTo(r.key());
        }
        String keyA = "sha256:" + ArticleIds.contentHash(textA).substring(0, 32);
        String keySeed = "sha256:" + ArticleIds.contentHash(seedText).substring(0, 32);
        String legacyText = "Россия и Индия подписали соглашение о торговле и сотрудничестве.";
        String keyLegacy = ArticleIds.of(null, legacyText);
        assertThat(byKey).containsOnlyKeys(keyA, keySeed, "https://news.example/talks", "wire-1",
                "https://news.example/wire-2", "list-1", "list-2", keyLegacy);
        assertThat(byKey.get(keyLegacy).getText()).isEqualTo(legacyText);
        assertThat(byKey.get(keyA).getText()).isEqualTo(textA);
        assertThat(byKey.get(keyA).getTitle()).isEqualTo("Ministers meet");
        assertThat(byKey.get(keyA).getSource()).isEqualTo(n + "/a.txt");
        assertThat(byKey.get(keyA).getContentHash()).isEqualTo(ArticleIds.contentHash(textA));
        assertThat(byKey.get(keySeed).getText()).isEqualTo(seedText);
        assertThat(byKey.get(keySeed).getLanguageHint()).isEqualTo("hi");
        assertThat(byKey.get("https://news.example/talks").getText()).isEqualTo("India and Russia held talks.");
        assertThat(byKey.get("https://news.example/talks").getLanguageHint()).isEqualTo("en");
        assertThat(byKey.get("wire-1").getSource()).isEqualTo("Wire");
        assertThat(byKey.get("https://news.example/wire-2").getSource()).isEqualTo(n + "/feeds/batch.jsonl");
        assertThat(byKey.values()).allSatisfy(a -> assertThat(a.getContentHash()).isEqualTo(ArticleIds.contentHash(a.getText())));
    }

    @Test
    void aRecordTheBrokerFindsTooLargeIsAFailedSendNamingTheArticleAndTheOthersGetThrough() throws Exception {
        String topic = "articles.raw.small";
        TestTopics.create(kafka, topic, 1, Map.of("max.message.bytes", "100000"));
        String small = "Small\nA short article.";
        String huge = "Huge\n" + randomText(400_000, 7);
        Path smallFile = write(dir.resolve("small.txt"), small.getBytes(StandardCharsets.UTF_8));
        Path hugeFile = write(dir.resolve("huge.txt"), huge.getBytes(StandardCharsets.UTF_8));

        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults())) {
            report = publisher.publish(List.of(smallFile.toString(), hugeFile.toString()), ProgressListener.NONE);
        }

        String hugeId = ArticleIds.of(null, huge);
        assertThat(report.published()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(PublishReport.EXIT_SEND_FAILED);
        assertThat(report.failedSends()).singleElement().satisfies(f -> {
            assertThat(f.articleId()).isEqualTo(hugeId);
            assertThat(f.origin()).isEqualTo(hugeFile.toString());
            assertThat(f.reason()).startsWith("too large for Kafka (text 390.6 KiB)")
                    .contains("message.max.bytes").contains("--max-text-size");
            assertThat(f.toString()).startsWith(hugeFile + ": article " + hugeId + " not published: too large");
        });
        assertThat(TestTopics.readAll(kafka, topic)).extracting(ConsumerRecord::key).containsExactly(ArticleIds.of(null, small));
    }

    @Test
    void publishingRidesOutABrokerRestartWithoutLosingOrDoublingAnArticle() throws Exception {
        String topic = "articles.raw.restart";
        TestTopics.create(kafka, topic, 3);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            jsonl.append("{\"id\":\"r-").append(i).append("\",\"text\":\"article number ").append(i).append(' ')
                    .append(randomText(2000, i)).append("\"}\n");
        }
        Path f = write(dir.resolve("many.jsonl"), jsonl.toString().getBytes(StandardCharsets.UTF_8));
        ProgressListener restartHalfway = new ProgressListener() {
            boolean restarted;

            @Override
            public void progress(Progress p) {
                if (!restarted && p.articlesRead() == 150) {
                    restarted = true;
                    kafka.stop(); // sends already handed to the producer are retried until the broker is back
                    kafka.restart();
                }
            }
        };

        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults())) {
            report = publisher.publish(List.of(f.toString()), restartHalfway);
        }

        assertThat(report.failedSends()).isEmpty();
        assertThat(report.published()).isEqualTo(300);
        List<ConsumerRecord<String, RawArticle>> records = TestTopics.readAll(kafka, topic);
        assertThat(records).hasSize(300);
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(k).matches("r-[0-9]+"));
    }

    @Test
    void stopEndsReadingAtAnArticleAndEverythingSentBeforeIsConfirmed() throws Exception {
        String topic = "articles.raw.stop";
        TestTopics.create(kafka, topic, 1);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 300; i++) jsonl.append("{\"id\":\"s-").append(i).append("\",\"text\":\"text ").append(i).append("\"}\n");
        Path f = write(dir.resolve("many.jsonl"), jsonl.toString().getBytes(StandardCharsets.UTF_8));
        Path after = write(dir.resolve("zz-after.txt"), "never read".getBytes(StandardCharsets.UTF_8));

        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults())) {
            report = publisher.publish(List.of(f.toString(), after.toString()), new ProgressListener() {
                @Override
                public void progress(Progress p) {
                    if (p.articlesRead() == 50) publisher.stop(); // as a Ctrl-C hook would, between two articles
                }
            });
        }

        assertThat(report.stoppedAt()).isEqualTo(f + ":51");
        assertThat(report.published()).isEqualTo(50);
        assertThat(report.failedSends()).isEmpty();
        assertThat(report.inputsDone()).isZero();
        assertThat(report.exitCode()).isEqualTo(PublishReport.EXIT_STOPPED);
        List<String> keys = TestTopics.readAll(kafka, topic).stream().map(ConsumerRecord::key).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) expected.add("s-" + i);
        assertThat(keys).containsExactlyElementsOf(expected);
    }

    @Test
    void stdinJsonLinesIsPublishedWithStableKeys() throws Exception {
        String topic = "articles.raw.stdin";
        TestTopics.create(kafka, topic, 2);
        byte[] in = "{\"text\":\"from a pipe\"}\n{\"url\":\"https://news.example/p\",\"text\":\"with url\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        PublishReport report;
        try (ArticlePublisher publisher = ArticlePublisher.builder().bootstrapServers(kafka.bootstrapServers())
                .topic(new Topics(TopicNames.withOverrides(Map.of("raw", topic))).raw())
                .stdin(new ByteArrayInputStream(in)).build()) {
            report = publisher.publish(List.of("-"), ProgressListener.NONE);
        }
        assertThat(report.published()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(PublishReport.EXIT_OK);
        Map<String, String> sources = new HashMap<>();
        for (ConsumerRecord<String, RawArticle> r : TestTopics.readAll(kafka, topic)) sources.put(r.key(), r.value().getSource());
        assertThat(sources).containsOnly(
                Map.entry(ArticleIds.of(null, "from a pipe"), "stdin"),
                Map.entry("https://news.example/p", "stdin"));
    }

    @Test
    void aMissingTopicIsAClearErrorBeforeAnythingIsRead() throws Exception {
        Path f = write(dir.resolve("a.txt"), "text".getBytes(StandardCharsets.UTF_8));
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, "no.such.topic", ReadOptions.defaults())) {
            assertThatThrownBy(() -> publisher.publish(List.of(f.toString()), ProgressListener.NONE))
                    .isInstanceOf(PublishException.class)
                    .hasMessage("topic 'no.such.topic' does not exist on " + kafka.bootstrapServers()
                            + "; create it first (the broker does not create topics on demand)");
        }
    }

    @Test
    void anUnreachableBrokerIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path f = write(dir.resolve("a.txt"), "text".getBytes(StandardCharsets.UTF_8));
        try (ArticlePublisher publisher = ArticlePublisher.builder().bootstrapServers("127.0.0.1:" + closedPort)
                .topic(Topics.defaults().raw()).connectTimeout(Duration.ofSeconds(3)).build()) {
            assertThatThrownBy(() -> publisher.publish(List.of(f.toString()), ProgressListener.NONE))
                    .isInstanceOf(PublishException.class)
                    .hasMessage("cannot reach Kafka at 127.0.0.1:" + closedPort
                            + " within 3 s: is the broker running, and is that its address?");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** Text that does not compress much: random letters of a 64-symbol alphabet. */
    private static String randomText(int length, long seed) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .";
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static final class RecordingListener implements ProgressListener {
        String started;
        final List<Problem> problems = new ArrayList<>();
        PublishReport finished;

        @Override
        public void started(String topic, int inputs) {
            started = topic + " " + inputs;
        }

        @Override
        public void problem(Problem problem) {
            problems.add(problem);
        }

        @Override
        public void finished(PublishReport report) {
            finished = report;
        }
    }
}
