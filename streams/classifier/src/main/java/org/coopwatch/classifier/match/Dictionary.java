package org.coopwatch.classifier.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopwatch.classifier.data.Term;
import org.coopwatch.classifier.text.Chars;
import org.coopwatch.classifier.text.NormalizedText;
import org.coopwatch.classifier.text.TextNormalizer;

/**
 * All surface forms of all data files in one Aho-Corasick automaton, with the form syntax on top:
 * whole-word by default, trailing {@code *} = stem (matches words starting with it), leading
 * {@code =} = case-sensitive. Immutable once built.
 */
public final class Dictionary {
    /**
     * One reading of a pattern. {@code rest} holds the further words of a multi-word form whose
     * inner words are stems ("совместн* разработк*"): the automaton finds the first word, the rest
     * is checked word by word (a trailing '*' on a word = stem).
     */
    private record Variant(Term term, boolean stem, String caseForm, String[] rest) {}

    private final AhoCorasick automaton;
    private final Variant[][] variants; // per pattern id

    private Dictionary(AhoCorasick automaton, Variant[][] variants) {
        this.automaton = automaton;
        this.variants = variants;
    }

    public int patterns() {
        return variants.length;
    }

    public int states() {
        return automaton.states();
    }

    /** All matches in the text honouring word boundaries, stems and case; unordered overlaps kept. */
    public List<Match> match(NormalizedText text) {
        return match(text, false);
    }

    /**
     * As {@link #match(NormalizedText)}; with {@code caseBlind} (an all-capitals headline, which has
     * no case to check) case-sensitive forms match regardless of case ("CHINA" for {@code =China}).
     */
    public List<Match> match(NormalizedText text, boolean caseBlind) {
        List<Match> out = new ArrayList<>();
        String low = text.lower;
        int n = low.length();
        automaton.search(low, (p, s, e) -> {
            // a form that starts or ends with a non-word char ("Sino-") needs no boundary on that side
            if (s > 0 && Chars.isWordChar(low.charAt(s - 1)) && Chars.isWordChar(low.charAt(s))) return;
            boolean wordEnd = e >= n || !Chars.isWordChar(low.charAt(e)) || !Chars.isWordChar(low.charAt(e - 1));
            for (Variant v : variants[p]) {
                int end = e;
                if (v.stem) {
                    while (end < n && Chars.isWordChar(low.charAt(end))) end++;
                } else if (!wordEnd) {
                    continue;
                }
                if (v.caseForm != null && !caseBlind && !text.folded.regionMatches(s, v.caseForm, 0, v.caseForm.length())) continue;
                if (v.rest != null) {
                    end = matchRest(low, end, v.rest);
                    if (end < 0) continue;
                }
                out.add(new Match(v.term, s, end));
            }
        });
        return out;
    }

    /** Matches the further words of a stemmed multi-word form after {@code p}; the end or -1. */
    private static int matchRest(String low, int p, String[] rest) {
        int n = low.length();
        for (String w : rest) {
            int q = p;
            while (q < n && low.charAt(q) == ' ') q++;
            if (q == p) return -1;
            boolean stem = w.endsWith("*");
            String word = stem ? w.substring(0, w.length() - 1) : w;
            if (!low.startsWith(word, q)) return -1;
            q += word.length();
            if (stem) {
                while (q < n && Chars.isWordChar(low.charAt(q))) q++;
            } else if (q < n && Chars.isWordChar(low.charAt(q))) {
                return -1;
            }
            p = q;
        }
        return p;
    }

    public static final class Builder {
        private final TextNormalizer normalizer;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> patterns = new ArrayList<>();
        private final List<List<Variant>> variants = new ArrayList<>();

        public Builder(TextNormalizer normalizer) {
            this.normalizer = normalizer;
        }

        /** Adds one form in the data-file syntax ({@code =Chad}, {@code Росси*}, {@code भारत}). */
        public Builder add(String rawForm, Term term) {
            String f = rawForm.strip();
            boolean cs = f.startsWith("=");
            if (cs) f = f.substring(1);
            String[] rest = null;
            String[] words = f.split("\\s+");
            boolean innerStem = false;
            for (int i = 0; i < words.length - 1; i++) innerStem |= words[i].endsWith("*");
            if (innerStem) {
                f = words[0];
                rest = new String[words.length - 1];
                for (int i = 1; i < words.length; i++) {
                    boolean st = words[i].endsWith("*");
                    String w = normalizer.normalizeForm(st ? words[i].substring(0, words[i].length() - 1) : words[i]);
                    rest[i - 1] = st ? w + "*" : w;
                }
            }
            boolean stem = f.endsWith("*");
            if (stem) f = f.substring(0, f.length() - 1);
            f = f.strip();
            if (f.isEmpty()) return this;
            String key = normalizer.normalizeForm(f);
            if (key.isBlank()) return this;
            String caseForm = cs ? normalizer.normalizeFormKeepCase(f) : null;
            Integer id = ids.get(key);
            if (id == null) {
                id = patterns.size();
                ids.put(key, id);
                patterns.add(key);
                variants.add(new ArrayList<>(1));
            }
            Variant v = new Variant(term, stem, caseForm, rest);
            for (Variant o : variants.get(id)) {
                if (o.term.equals(term) && o.stem == stem && java.util.Objects.equals(o.caseForm, caseForm)
                        && java.util.Arrays.equals(o.rest, rest)) return this;
            }
            variants.get(id).add(v);
            return this;
        }

        public Dictionary build() {
            Variant[][] vs = new Variant[variants.size()][];
            for (int i = 0; i < vs.length; i++) vs[i] = variants.get(i).toArray(new Variant[0]);
            return new Dictionary(new AhoCorasick(patterns), vs);
        }
    }
}
