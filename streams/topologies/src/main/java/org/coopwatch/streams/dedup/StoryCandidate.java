package org.coopwatch.streams.dedup;

import java.util.List;
import java.util.Objects;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.avro.EnrichedArticle;

/**
 * What the story index needs of an article, and all it passes on: the article's identity (id, canonical
 * URL, source), its text fingerprint, and its cooperation events, already made, waiting for their story id
 * and source count. The text itself stays behind, so the one-partition index topic carries little.
 *
 * @param signature MinHash signature, or null when the text is too short to compare by shingles
 */
public record StoryCandidate(String articleId, String canonicalUrl, String sourceKey, String textHash,
                             int[] signature, List<CooperationEvent> events) {

    public StoryCandidate {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(textHash, "textHash");
        events = List.copyOf(events);
    }

    /** Fingerprints an enriched article whose events are {@code events}. */
    public static StoryCandidate of(EnrichedArticle a, List<CooperationEvent> events, DedupOptions options) {
        TextFingerprint fp = TextFingerprint.of(a.getText(), a.getBoilerplate());
        int[] sig = fp.shingles().length >= options.minShingles() ? MinHash.signature(fp.shingles()) : null;
        return new StoryCandidate(a.getId(), CanonicalUrl.of(a.getUrl()), CanonicalUrl.sourceKey(a.getUrl(), a.getSource()),
                fp.textHash(), sig, events);
    }
}
