package org.coopwatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {
    private static List<String> hits(AhoCorasick ac, List<String> patterns, String text) {
        List<String> out = new ArrayList<>();
        ac.search(text, (p, s, e) -> out.add(patterns.get(p) + "@" + s + "-" + e));
        return out;
    }

    @Test
    void findsOverlappingAndNestedPatterns() {
        List<String> pats = List.of("he", "she", "his", "hers");
        AhoCorasick ac = new AhoCorasick(pats);
        assertThat(hits(ac, pats, "ushers")).containsExactlyInAnyOrder("she@1-4", "he@2-4", "hers@2-6");
    }

    @Test
    void handlesDevanagariAndSharedPrefixes() {
        List<String> pats = List.of("भारत", "भारतीय", "रूस");
        AhoCorasick ac = new AhoCorasick(pats);
        assertThat(hits(ac, pats, "भारतीय और रूस")).containsExactlyInAnyOrder("भारत@0-4", "भारतीय@0-6", "रूस@10-13");
    }

    @Test
    void noMatchesInUnrelatedTextAndEmptyPatternIgnored() {
        List<String> pats = List.of("", "abc");
        AhoCorasick ac = new AhoCorasick(pats);
        assertThat(hits(ac, pats, "xyz ab")).isEmpty();
        assertThat(hits(ac, pats, "zabcabc")).containsExactly("abc@1-4", "abc@4-7");
    }

    @Test
    void agreesWithNaiveSearchOnRandomInput() {
        Random r = new Random(7);
        List<String> pats = new ArrayList<>();
        for (int i = 0; i < 60; i++) pats.add(randomWord(r, 1 + r.nextInt(4)));
        AhoCorasick ac = new AhoCorasick(pats);
        for (int round = 0; round < 50; round++) {
            String text = randomWord(r, 40);
            List<String> expected = new ArrayList<>();
            for (int p = 0; p < pats.size(); p++) {
                String pat = pats.get(p);
                for (int i = text.indexOf(pat); i >= 0; i = text.indexOf(pat, i + 1)) expected.add(pat + "@" + i + "-" + (i + pat.length()));
            }
            assertThat(hits(ac, pats, text)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String randomWord(Random r, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) b.append("abc".charAt(r.nextInt(3)));
        return b.toString();
    }
}
