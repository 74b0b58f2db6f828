package org.coopwatch.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.producer.source.Problem;
import org.coopwatch.producer.source.ReadOptions;
import org.coopwatch.producer.watch.FolderWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders on the embedded broker: an outage of several seconds, a watched folder, broken files. */
class FolderIngestIT extends BrokerFixture {

    @TempDir
    Path dir;

    @Test
    void aBrokerDownForSeveralSecondsDuringAFolderIngestLosesAndDoublesNothing() throws Exception {
        String topic = "articles.raw.outage";
        TestTopics.create(kafka, topic, 3);
        Path news = dir.resolve("news");
        for (int i = 1; i <= 150; i++) {
            write(news.resolve(String.format("%03d.txt", i)), "Story " + i + "\nThe text of story number " + i + ".");
        }
        Thread[] restarter = new Thread[1];
        ProgressListener outage = new ProgressListener() {
            @Override
            public void progress(Progress p) {
                if (restarter[0] == null && p.articlesRead() == 40) {
                    kafka.stop();
                    restarter[0] = new Thread(() -> {
                        try {
                            Thread.sleep(6000); // reading and sending go on meanwhile, into the producer's buffer
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        kafka.restart();
                    }, "broker-restarter");
                    restarter[0].start();
                }
            }
        };

        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults())) {
            report = publisher.publish(List.of(news.toString()), outage);
        }
        restarter[0].join();

        assertThat(report.failedSends()).isEmpty();
        assertThat(report.published()).isEqualTo(150);
        List<ConsumerRecord<String, RawArticle>> records = TestTopics.readAll(kafka, topic);
        assertThat(records).hasSize(150);
        assertThat(records).extracting(r -> r.value().getSource()).doesNotHaveDuplicates();
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void aWatchedFolderPublishesNewFilesOnceTheyAreCompleteAndARestartRepublishesNothing() throws Exception {
        String topic = "articles.raw.watch";
        TestTopics.create(kafka, topic, 1);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path state = dir.resolve("state");
        write(inbox.resolve("a.txt"), "A\nFirst article.");
        write(inbox.resolve("feeds/b.jsonl"), "{\"id\":\"b-1\",\"text\":\"Second.\"}\n{\"id\":\"b-2\",\"text\":\"Third.\"}\n");
        write(inbox.resolve(".partial.txt"), "hidden: still being written");

        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults());
             FolderWatcher watcher = FolderWatcher.builder(publisher, inbox).dataDir(state).build()) {
            assertThat(watcher.scanOnce(ProgressListener.NONE)).as("first sight: not yet known to be complete").isNull();
            PublishReport first = watcher.scanOnce(ProgressListener.NONE);
            assertThat(first.published()).isEqualTo(3);
            assertThat(watcher.scanOnce(ProgressListener.NONE)).as("nothing new").isNull();

            write(inbox.resolve("c.html"), "<html><body><p>Fourth, from a page.</p></body></html>");
            assertThat(watcher.scanOnce(ProgressListener.NONE)).isNull();
            PublishReport second = watcher.scanOnce(ProgressListener.NONE);
            assertThat(second.published()).isEqualTo(1);
            assertThat(second.inputsTotal()).isEqualTo(1);
        }
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults());
             FolderWatcher watcher = FolderWatcher.builder(publisher, inbox).dataDir(state).build()) {
            assertThat(watcher.scanOnce(ProgressListener.NONE)).isNull();
            assertThat(watcher.scanOnce(ProgressListener.NONE)).as("a restart publishes nothing again").isNull();
        }
        assertThat(TestTopics.readAll(kafka, topic)).extracting(r -> r.value().getText())
                .containsExactlyInAnyOrder("A\nFirst article.", "Second.", "Third.", "Fourth, from a page.");
    }

    @Test
    void brokenFilesAreNamedAndTheRestOfTheBatchGoesThrough() throws Exception {
        String topic = "articles.raw.broken-files";
        TestTopics.create(kafka, topic, 1);
        Path batch = dir.resolve("batch");
        write(batch.resolve("good.txt"), "Good\nIndia and Russia held talks on trade.");
        write(batch.resolve("truncated.html"), "<html><head><title>Cut</title></head><body><article><p>The ministers met in Delhi and agr");
        Files.write(batch.resolve("wrong-charset.html"), ("<html><head><meta charset=\"utf-8\"></head><body><p>Россия и Индия"
                + " подписали соглашение о торговле и сотрудничестве в области энергетики.</p></body></html>")
                .getBytes(Charset.forName("windows-1251")));
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(batch.resolve("huge.txt")), 1 << 16)) {
            byte[] line = "A dump of many articles in one file, far too long to be one article.\n".getBytes(StandardCharsets.UTF_8);
            for (long n = 0; n < (50L << 20); n += line.length) out.write(line); // 50 MiB of text
        }
        write(batch.resolve("photo.html"), "");
        Files.write(batch.resolve("photo.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        write(batch.resolve("z-last.jsonl"), "{\"id\":\"last\",\"text\":\"The last article of the batch.\"}\n");

        PublishReport report;
        try (ArticlePublisher publisher = TestTopics.publisher(kafka, topic, ReadOptions.defaults())) {
            report = publisher.publish(List.of(batch.toString()), ProgressListener.NONE);
        }

        String b = batch.toString();
        assertThat(report.problems()).extracting(Problem::file, Problem::kind).containsExactlyInAnyOrder(
                tuple(b + "/huge.txt", Problem.Kind.TOO_LARGE),
                tuple(b + "/photo.html", Problem.Kind.BINARY),
                tuple(b + "/wrong-charset.html", Problem.Kind.CHARSET_DETECTED));
        assertThat(report.problems()).extracting(Problem::toString).anySatisfy(m -> assertThat(m)
                .startsWith(b + "/huge.txt: skipped, file is 50.0 MiB, over the 2 MiB article text limit"
                        + " (raise it with --max-text-size, or split the file)"));
        assertThat(report.published()).isEqualTo(4);
        Map<String, String> texts = new TreeMap<>();
        for (ConsumerRecord<String, RawArticle> r : TestTopics.readAll(kafka, topic)) {
            texts.put(Path.of(r.value().getSource()).getFileName().toString(), r.value().getText());
        }
        assertThat(texts).containsOnlyKeys("good.txt", "truncated.html", "wrong-charset.html", "z-last.jsonl");
        assertThat(texts.get("truncated.html")).isEqualTo("The ministers met in Delhi and agr");
        assertThat(texts.get("wrong-charset.html")).startsWith("Россия и Индия подписали");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
