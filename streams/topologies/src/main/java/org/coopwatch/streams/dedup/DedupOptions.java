package org.coopwatch.streams.dedup;

import java.time.Duration;

/**
 * How copies are recognised.
 *
 * @param retention        how long (record time, i.e. ingestion side) an article stays in the index; a copy
 *                         arriving later starts a new story. Syndication happens within days.
 * @param similarity       estimated Jaccard similarity of word 3-shingles from which two texts are one story
 * @param minShingles      texts with fewer distinct shingles are matched exactly only (too short to compare)
 * @param maxBucket        article ids kept per LSH band key (boilerplate-like texts crowd a bucket; the newest stay)
 * @param maxSources       distinct sources remembered per story; the count stops growing there
 */
public record DedupOptions(Duration retention, double similarity, int minShingles, int maxBucket, int maxSources) {

    public DedupOptions {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("dedup retention must be positive: " + retention);
        }
        if (!(similarity > 0 && similarity <= 1)) {
            throw new IllegalArgumentException("dedup similarity must be in (0, 1]: " + similarity);
        }
        if (minShingles < 1 || maxBucket < 1 || maxSources < 1) {
            throw new IllegalArgumentException("dedup limits must be positive");
        }
    }

    public static DedupOptions defaults() {
        return new DedupOptions(Duration.ofDays(7), 0.5, 8, 16, 500);
    }

    public DedupOptions withRetention(Duration d) {
        return new DedupOptions(d, similarity, minShingles, maxBucket, maxSources);
    }
}
