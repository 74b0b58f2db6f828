package org.coopwatch.streams.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.streams.serde.JsonSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story index: gives every article a story and drops exact duplicates; forwards the article's events,
 * keyed by pair, with the story id and the story's count of distinct sources so far.
 *
 * <ul>
 *   <li><b>Exact duplicate</b> (dropped): the same canonical URL with the same text (a re-listed feed item,
 *       a re-sent file), or the same text from a source that already carried the story (a re-run folder, a
 *       page under two URLs). Text equality ignores punctuation, spacing and boilerplate lines.</li>
 *   <li><b>Revision</b>: the same canonical URL with changed text stays in its story.</li>
 *   <li><b>Syndicated copy</b>: the same text from another source, or an estimated Jaccard similarity of
 *       word 3-shingles of at least {@link DedupOptions#similarity()} with an article in the index (found
 *       through the MinHash LSH bands, confirmed on the signatures): the story of the most similar one.</li>
 *   <li>Otherwise a new story, whose id is the article's id: the first article of a story names it, and
 *       that never changes.</li>
 * </ul>
 *
 * <p>Copies of one story arrive under different keys (article ids) on different partitions, so the index
 * must see every article: it runs on the single partition of the {@value #TOPIC} repartition topic. The
 * alternative, partitioning by LSH band key, scales out but needs a scatter-gather per article (its 32
 * bands live on different partitions, the verdicts must be joined back) and loses the atomic "first copy
 * names the story". The index is cheap (a few store reads per article, no text) and runs in the events
 * stage after the CPU-heavy classification, so one task keeps up with many enrichment tasks.
 *
 * <p>Everything in the index expires {@link DedupOptions#retention()} after it was last seen (record time,
 * i.e. ingestion side), through a time-ordered expiry store scanned on stream-time punctuation, so the
 * state stays bounded without full scans.
 */
public final class StoryIndex implements Processor<String, StoryCandidate, String, CooperationEvent> {

    /** The one-partition repartition topic that brings every article to the index. */
    public static final String TOPIC = "dedup-story-index";
    public static final String PROCESSOR = "dedup-assign-story";
    public static final String SEEN_STORE = "dedup-seen-store";
    public static final String BUCKETS_STORE = "dedup-lsh-buckets-store";
    public static final String SIGNATURES_STORE = "dedup-signatures-store";
    public static final String STORIES_STORE = "dedup-stories-store";
    public static final String EXPIRY_STORE = "dedup-expiry-store";

    private static final Logger LOG = LoggerFactory.getLogger(StoryIndex.class);

    /** A canonical URL ("url:...") or text hash ("text:...") seen, and the story it belongs to. */
    public record Seen(String storyId, String articleId, String textHash, long time) {}

    /** The articles whose signatures have this band. */
    public record Bucket(List<String> articleIds) {}

    public record Signature(String storyId, int[] minHash, long time) {}

    /** A story: the distinct sources that carried it (bounded), how many articles, first and last seen. */
    public record Story(List<String> sources, long articles, long first, long last) {}

    /** What to forget about an article once its time has passed. */
    public record Expiry(String articleId, String storyId, String canonicalUrl, String textHash, List<String> bands) {}

    private final DedupOptions options;
    private ProcessorContext<String, CooperationEvent> context;
    private KeyValueStore<String, Seen> seen;
    private KeyValueStore<String, Bucket> buckets;
    private KeyValueStore<String, Signature> signatures;
    private KeyValueStore<String, Story> stories;
    private KeyValueStore<String, Expiry> expiry;

    StoryIndex(DedupOptions options) {
        this.options = options;
    }

    /** The processor with its five stores, for {@code KStream#process}. */
    public static ProcessorSupplier<String, StoryCandidate, String, CooperationEvent> supplier(DedupOptions options) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, StoryCandidate, String, CooperationEvent> get() {
                return new StoryIndex(options);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // ordered, so that describe() (and the golden test) lists them the same way every run
                return new LinkedHashSet<>(List.of(
                        store(SEEN_STORE, Seen.class), store(BUCKETS_STORE, Bucket.class),
                        store(SIGNATURES_STORE, Signature.class), store(STORIES_STORE, Story.class),
                        store(EXPIRY_STORE, Expiry.class)));
            }
        };
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Class<T> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(type));
    }

    @Override
    public void init(ProcessorContext<String, CooperationEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN_STORE);
        this.buckets = context.getStateStore(BUCKETS_STORE);
        this.signatures = context.getStateStore(SIGNATURES_STORE);
        this.stories = context.getStateStore(STORIES_STORE);
        this.expiry = context.getStateStore(EXPIRY_STORE);
        Duration every = options.retention().dividedBy(24);
        if (every.compareTo(Duration.ofMinutes(10)) > 0) every = Duration.ofMinutes(10);
        if (every.isZero()) every = Duration.ofMillis(1);
        context.schedule(every, PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, StoryCandidate> record) {
        StoryCandidate c = record.value();
        if (c == null) return;
        long now = record.timestamp();
        String storyId = null;
        String urlKey = c.canonicalUrl() == null ? null : "url:" + c.canonicalUrl();
        String textKey = "text:" + c.textHash();
        if (urlKey != null) {
            Seen s = seen.get(urlKey);
            if (s != null) {
                if (s.textHash().equals(c.textHash())) {
                    LOG.debug("article {}: exact duplicate of {} (same URL and text), dropped", c.articleId(), s.articleId());
                    return;
                }
                storyId = s.storyId(); // a revision of the page
            }
        }
        if (storyId == null) {
            Seen s = seen.get(textKey);
            if (s != null) {
                Story story = stories.get(s.storyId());
                if (story != null && story.sources().contains(c.sourceKey())) {
                    LOG.debug("article {}: exact duplicate of {} from the same source {}, dropped",
                            c.articleId(), s.articleId(), c.sourceKey());
                    return;
                }
                storyId = s.storyId(); // the same text from another source: a verbatim syndicated copy
            }
        }
        List<String> bands = c.signature() == null ? List.of() : MinHash.bandKeys(c.signature());
        Map<String, Bucket> bucketsRead = new HashMap<>(); // read once, for the search and then the update
        if (storyId == null && c.signature() != null) storyId = mostSimilar(c, bands, bucketsRead);
        if (storyId == null) storyId = c.articleId();

        remember(c, storyId, urlKey, textKey, bands, bucketsRead, now);
        Story story = addToStory(storyId, c.sourceKey(), now);
        int sources = story.sources().size();
        for (CooperationEvent e : c.events()) {
            CooperationEvent withStory = CooperationEvent.newBuilder(e).setStoryId(storyId).setSources(sources).build();
            context.forward(record.withKey(withStory.getPair()).withValue(withStory));
        }
    }

    /** The story of the most similar indexed article at or above the threshold, else null. */
    private String mostSimilar(StoryCandidate c, List<String> bands, Map<String, Bucket> bucketsRead) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String band : bands) {
            Bucket b = buckets.get(band);
            bucketsRead.put(band, b);
            if (b != null) candidates.addAll(b.articleIds());
        }
        candidates.remove(c.articleId());
        String best = null;
        double bestSimilarity = -1;
        for (String id : candidates) {
            Signature s = signatures.get(id);
            if (s == null) continue;
            double sim = MinHash.similarity(c.signature(), s.minHash());
            if (sim >= options.similarity() && sim > bestSimilarity) {
                bestSimilarity = sim;
                best = s.storyId();
            }
        }
        if (best != null) {
            LOG.debug("article {}: near duplicate (similarity {}) in story {}", c.articleId(),
                    String.format(Locale.ROOT, "%.2f", bestSimilarity), best);
        }
        return best;
    }

    private void remember(StoryCandidate c, String storyId, String urlKey, String textKey, List<String> bands,
                          Map<String, Bucket> bucketsRead, long now) {
        Seen entry = new Seen(storyId, c.articleId(), c.textHash(), now);
        if (urlKey != null) seen.put(urlKey, entry);
        Seen text = seen.get(textKey);
        // a text keeps the story it was first seen in; only its time is refreshed
        seen.put(textKey, text == null ? entry : new Seen(text.storyId(), text.articleId(), text.textHash(), now));
        if (c.signature() != null) {
            signatures.put(c.articleId(), new Signature(storyId, c.signature(), now));
            for (String band : bands) {
                Bucket b = bucketsRead.containsKey(band) ? bucketsRead.get(band) : buckets.get(band);
                List<String> ids = new ArrayList<>(b == null ? List.of() : b.articleIds());
                ids.remove(c.articleId());
                ids.add(c.articleId());
                while (ids.size() > options.maxBucket()) ids.remove(0);
                buckets.put(band, new Bucket(ids));
            }
        }
        expiry.put(expiryKey(now, c.articleId()), new Expiry(c.articleId(), storyId, urlKey, textKey, bands));
    }

    private Story addToStory(String storyId, String sourceKey, long now) {
        Story s = stories.get(storyId);
        List<String> sources = new ArrayList<>(s == null ? List.of() : s.sources());
        if (!sources.contains(sourceKey) && sources.size() < options.maxSources()) sources.add(sourceKey);
        Story updated = s == null ? new Story(sources, 1, now, now)
                : new Story(sources, s.articles() + 1, Math.min(s.first(), now), Math.max(s.last(), now));
        stories.put(storyId, updated);
        return updated;
    }

    /** Forgets what was last seen before stream time minus the retention. */
    void expire(long streamTime) {
        long cutoff = streamTime - options.retention().toMillis();
        if (cutoff <= 0) return;
        List<KeyValue<String, Expiry>> due = new ArrayList<>();
        try (KeyValueIterator<String, Expiry> it = expiry.range(null, expiryKey(cutoff, ""))) {
            while (it.hasNext()) due.add(it.next());
        }
        for (KeyValue<String, Expiry> kv : due) {
            Expiry e = kv.value;
            if (e.canonicalUrl() != null) forgetSeen(e.canonicalUrl(), cutoff);
            forgetSeen(e.textHash(), cutoff);
            Signature sig = signatures.get(e.articleId());
            if (sig != null && sig.time() < cutoff) {
                signatures.delete(e.articleId());
                for (String band : e.bands()) {
                    Bucket b = buckets.get(band);
                    if (b == null) continue;
                    List<String> ids = new ArrayList<>(b.articleIds());
                    ids.remove(e.articleId());
                    if (ids.isEmpty()) buckets.delete(band);
                    else buckets.put(band, new Bucket(ids));
                }
            }
            Story story = stories.get(e.storyId());
            if (story != null && story.last() < cutoff) stories.delete(e.storyId());
            expiry.delete(kv.key);
        }
        if (!due.isEmpty()) LOG.debug("story index: forgot {} articles last seen before {}", due.size(), cutoff);
    }

    private void forgetSeen(String key, long cutoff) {
        Seen s = seen.get(key);
        if (s != null && s.time() < cutoff) seen.delete(key);
    }

    /** Time first, fixed-width hex, so the store's byte order is time order. */
    static String expiryKey(long time, String articleId) {
        return String.format(Locale.ROOT, "%016x|%s", Math.max(0, time), articleId);
    }
}
