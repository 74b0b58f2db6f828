package org.coopwatch.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    static final String STORY = String.join("\n",
            "NEW DELHI - India and Russia agreed on Tuesday to expand cooperation in defence manufacturing and space,",
            "after two days of talks between their defence ministers in the Indian capital.",
            "The ministers signed a protocol on the joint production of spare parts for Russian-made equipment",
            "and discussed a training programme for Indian astronauts at a Russian centre near Moscow.",
            "Officials said the working group would meet again in the spring to review progress on the projects,",
            "including a plant for helicopter engines and the supply of components for the navy.",
            "Trade between the two countries has grown sharply over the past two years, driven by energy purchases.");

    @Test
    void punctuationSpacingAndBoilerplateDoNotChangeTheTextHash() {
        String messy = STORY.replace(",", " ,").replace("\n", "\n\n   ") + "\nAlso read: more news";
        TextFingerprint a = TextFingerprint.of(STORY, List.of());
        TextFingerprint b = TextFingerprint.of(messy, List.of("Also read: more news"));
        assertThat(b.textHash()).isEqualTo(a.textHash());
        assertThat(TextFingerprint.of(STORY.replace("Tuesday", "Wednesday"), List.of()).textHash()).isNotEqualTo(a.textHash());
    }

    @Test
    void editedCopiesAreSimilarAndOtherStoriesAreNot() {
        int[] original = MinHash.signature(TextFingerprint.of(STORY, List.of()).shingles());
        String edited = "By our correspondent\n" + STORY.replace("on Tuesday", "on Tuesday evening")
                .replace("sharply", "rapidly").replace("driven by energy purchases.", "");
        int[] copy = MinHash.signature(TextFingerprint.of(edited, List.of()).shingles());
        String other = "Brazil and Argentina signed a trade agreement on beef exports and agreed to lower tariffs on"
                + " machinery, the foreign ministers of both countries said after a meeting in Buenos Aires on Monday;"
                + " the deal is expected to take effect next year after approval by both parliaments.";
        int[] unrelated = MinHash.signature(TextFingerprint.of(other, List.of()).shingles());

        assertThat(MinHash.similarity(original, copy)).isGreaterThan(0.6);
        assertThat(MinHash.similarity(original, unrelated)).isLessThan(0.1);
        assertThat(MinHash.bandKeys(original)).hasSize(MinHash.BANDS).containsAnyElementsOf(MinHash.bandKeys(copy));
        assertThat(MinHash.bandKeys(original)).doesNotContainAnyElementsOf(MinHash.bandKeys(unrelated));
    }

    @Test
    void wordsKeepCombiningMarksOfDevanagari() {
        assertThat(TextFingerprint.words("भारत और रूस ने समझौते पर हस्ताक्षर किए।"))
                .containsExactly("भारत", "और", "रूस", "ने", "समझौते", "पर", "हस्ताक्षर", "किए");
    }

    @Test
    void canonicalUrlsIgnoreTrackingAndSpelling() {
        assertThat(CanonicalUrl.of("https://www.Example.com/news/story-1/?utm_source=rss&b=2&a=1#comments"))
                .isEqualTo("http://example.com/news/story-1?a=1&b=2");
        assertThat(CanonicalUrl.of("http://example.com:80/news/story-1/amp?b=2&a=1&fbclid=x"))
                .isEqualTo("http://example.com/news/story-1?a=1&b=2");
        assertThat(CanonicalUrl.of("ftp://example.com/a")).isNull();
        assertThat(CanonicalUrl.of("not a url")).isNull();
        assertThat(CanonicalUrl.sourceKey("https://m.outlet.example/a", "Outlet")).isEqualTo("outlet.example");
        assertThat(CanonicalUrl.sourceKey(null, " Wire Service ")).isEqualTo("wire service");
        assertThat(CanonicalUrl.sourceKey(null, null)).isEqualTo("unknown");
    }
}
