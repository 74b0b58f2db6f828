package org.coopwatch.streams.dedup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;
import org.coopwatch.schemas.topic.Topics;
import org.coopwatch.streams.Fixtures;
import org.coopwatch.streams.config.Stage;
import org.coopwatch.streams.topology.EventsTopology;

/**
 * Not a test: measures the events stage with its story index on the TopologyTestDriver (one thread, RocksDB
 * stores, serdes included), and the similarity of edited copies. Run from the module directory with the
 * test classpath: {@code java -cp target/classes:target/test-classes:<deps> org.coopwatch.streams.dedup.DedupBench 20000}.
 */
public final class DedupBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Random r = new Random(42);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 5000; i++) vocabulary.add(word(r));
        // similarity of copies with k of 300 words replaced, and of unrelated texts
        for (int k : new int[] {5, 15, 30, 60}) {
            double sum = 0;
            int found = 0;
            for (int t = 0; t < 200; t++) {
                List<String> a = text(r, vocabulary, 300);
                List<String> b = new ArrayList<>(a);
                for (int e = 0; e < k; e++) b.set(r.nextInt(b.size()), vocabulary.get(r.nextInt(vocabulary.size())));
                int[] sa = MinHash.signature(TextFingerprint.of(String.join(" ", a), List.of()).shingles());
                int[] sb = MinHash.signature(TextFingerprint.of(String.join(" ", b), List.of()).shingles());
                double s = MinHash.similarity(sa, sb);
                sum += s;
                if (s >= DedupOptions.defaults().similarity()) found++;
            }
            System.out.printf(Locale.ROOT, "300 words, %2d replaced: mean estimated Jaccard %.2f, grouped %d/200%n", k, sum / 200, found);
        }
        Path state = Files.createTempDirectory("dedup-bench");
        var props = Fixtures.props(Stage.EVENTS, state);
        Topics topics = Topics.defaults();
        try (TopologyTestDriver driver = new TopologyTestDriver(EventsTopology.build(topics, props), props)) {
            TestInputTopic<String, EnrichedArticle> in = driver.createInputTopic(topics.enriched().name(),
                    topics.enriched().keySerde().serializer(), topics.enriched().valueSerde().serializer());
            TestOutputTopic<String, CooperationEvent> out = driver.createOutputTopic(topics.events().name(),
                    topics.events().keySerde().deserializer(), topics.events().valueSerde().deserializer());
            List<EnrichedArticle> articles = new ArrayList<>(n);
            Instant t0 = Instant.parse("2025-08-20T00:00:00Z");
            List<String> previous = null;
            for (int i = 0; i < n; i++) {
                // every third article a copy of the one before with a few words changed, from another host
                List<String> words = previous != null && i % 3 == 2 ? edit(previous, r, vocabulary, 10) : text(r, vocabulary, 300);
                previous = words;
                articles.add(StoryDedupTest.article("https://h" + (i % 50) + ".example/a/" + i, "s", String.join(" ", words),
                        t0.plusSeconds(i)));
            }
            for (int i = 0; i < 1000; i++) in.pipeInput(articles.get(i).getId(), articles.get(i), articles.get(i).getIngested());
            out.readValuesToList();
            long start = System.nanoTime();
            for (int i = 1000; i < n; i++) in.pipeInput(articles.get(i).getId(), articles.get(i), articles.get(i).getIngested());
            double secs = (System.nanoTime() - start) / 1e9;
            List<CooperationEvent> events = out.readValuesToList();
            long copies = events.stream().filter(e -> !e.getStoryId().equals(e.getArticleId())).count();
            System.out.printf(Locale.ROOT, "%,d articles of 300 words through the events stage in %.1f s: %,.0f articles/s;"
                    + " %,d of %,d events in a story started by another article%n", n - 1000, secs, (n - 1000) / secs,
                    copies, events.size());
        }
    }

    private static List<String> edit(List<String> words, Random r, List<String> vocabulary, int k) {
        List<String> b = new ArrayList<>(words);
        for (int e = 0; e < k; e++) b.set(r.nextInt(b.size()), vocabulary.get(r.nextInt(vocabulary.size())));
        return b;
    }

    private static List<String> text(Random r, List<String> vocabulary, int n) {
        List<String> w = new ArrayList<>(n);
        for (int i = 0; i < n; i++) w.add(vocabulary.get((int) Math.min(vocabulary.size() - 1, Math.abs(r.nextGaussian()) * 800)));
        return w;
    }

    private static String word(Random r) {
        StringBuilder sb = new StringBuilder();
        int len = 2 + r.nextInt(8);
        for (int i = 0; i < len; i++) sb.append((char) ('a' + r.nextInt(26)));
        return sb.toString();
    }
}
