package org.coopwatch.classifier.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds text so that spellings that mean the same match the same patterns, while remembering where
 * every output char came from. Applied identically to gazetteer/lexicon forms and to article text.
 * Folds: Latin diacritics (NFD, marks dropped), Devanagari nukta (ज़ -> ज), chandrabindu -> anusvara,
 * nasal + virama before a consonant -> anusvara (हिन्दी -> हिंदी), long i/u -> short, joiners, ё -> е, curly quotes and
 * dashes, all whitespace to ' '; then whole-substring spelling variants from a data file
 * (lexicon/variants.tsv, e.g. अमरीका -> अमेरिका).
 */
public final class TextNormalizer {
    private final Map<Character, List<String[]>> variantsByFirst = new HashMap<>();
    private final boolean[] variantStart = new boolean[65536];

    public TextNormalizer(List<String[]> variants) {
        for (String[] v : variants) {
            // variants are themselves written in raw form: fold their sides with the char rules
            String from = charFold(v[0]).toLowerCase(java.util.Locale.ROOT);
            String to = charFold(v[1]).toLowerCase(java.util.Locale.ROOT);
            if (from.isEmpty() || from.equals(to)) continue;
            variantsByFirst.computeIfAbsent(from.charAt(0), k -> new ArrayList<>()).add(new String[] {from, to});
        }
        for (char c : variantsByFirst.keySet()) variantStart[c] = true;
        // longest first so that a longer variant wins over its prefix
        variantsByFirst.values().forEach(l -> l.sort(Comparator.comparingInt((String[] a) -> -a[0].length())));
    }

    public static TextNormalizer withoutVariants() {
        return new TextNormalizer(List.of());
    }

    /** Normalises a gazetteer or lexicon form; returns the lower-cased text. */
    public String normalizeForm(String form) {
        return normalize(form).lower;
    }

    /** Normalises preserving case (for case-sensitive forms). */
    public String normalizeFormKeepCase(String form) {
        return normalize(form).folded;
    }

    private static String charFold(String s) {
        CharBuf out = new CharBuf(s.length() + 8);
        foldChars(s, out, null);
        return out.toString();
    }

    /** A growable char array: cheaper than StringBuilder on the per-char hot path. */
    static final class CharBuf {
        private char[] a;
        private int n;

        CharBuf(int cap) { a = new char[Math.max(8, cap)]; }

        void append(char c) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = c;
        }

        int length() { return n; }

        char last() { return a[n - 1]; }

        @Override
        public String toString() { return new String(a, 0, n); }
    }

    public NormalizedText normalize(String text) {
        CharBuf out = new CharBuf(text.length() + 8);
        IntList map = new IntList(text.length() + 9);
        foldChars(text, out, map);
        String folded = out.toString();
        int[] m = map.toArray();
        if (!variantsByFirst.isEmpty()) {
            // variants are matched on lower-case text but must keep case in 'folded' for untouched chars
            String low = lower(folded);
            StringBuilder o2 = null;
            IntList m2 = null;
            int i = 0;
            int copiedTo = 0;
            while (i < low.length()) {
                char ch = low.charAt(i);
                if (!variantStart[ch]) { i++; continue; }
                List<String[]> cands = variantsByFirst.get(ch);
                String[] hit = null;
                if (cands != null) {
                    for (String[] v : cands) {
                        if (low.startsWith(v[0], i)) { hit = v; break; }
                    }
                }
                if (hit == null) { i++; continue; }
                if (o2 == null) { o2 = new StringBuilder(folded.length()); m2 = new IntList(folded.length() + 1); }
                for (int k = copiedTo; k < i; k++) { o2.append(folded.charAt(k)); m2.add(m[k]); }
                for (int k = 0; k < hit[1].length(); k++) {
                    o2.append(hit[1].charAt(k));
                    // spread the replacement over the replaced original span so ends stay inside it
                    m2.add(k < hit[0].length() ? m[i + k] : m[i + hit[0].length() - 1]);
                }
                i += hit[0].length();
                copiedTo = i;
            }
            if (o2 != null) {
                for (int k = copiedTo; k < folded.length(); k++) { o2.append(folded.charAt(k)); m2.add(m[k]); }
                folded = o2.toString();
                m2.add(text.length());
                m = m2.toArray();
            } else {
                m = withEnd(m, folded.length(), text.length());
            }
        } else {
            m = withEnd(m, folded.length(), text.length());
        }
        return new NormalizedText(text, folded, lower(folded), m);
    }

    private static int[] withEnd(int[] m, int len, int origLen) {
        int[] r = new int[len + 1];
        System.arraycopy(m, 0, r, 0, len);
        r[len] = origLen;
        return r;
    }

    private static final char[] LOWER = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            char l = Character.toLowerCase((char) c);
            // one char in, one char out: offsets must not move
            LOWER[c] = Character.isSurrogate((char) c) ? (char) c : l;
        }
    }

    static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) c[i] = LOWER[c[i]];
        return new String(c);
    }

    private static boolean isNasalConsonant(char c) {
        return c == 'ङ' || c == 'ञ' || c == 'ण' || c == 'न' || c == 'म';
    }

    private static boolean isDevConsonant(char c) {
        return (c >= '\u0915' && c <= '\u0939') || (c >= '\u0958' && c <= '\u095f');
    }

    /** Per-char folding; {@code map}, when given, receives the source index of each output char. */
    private static void foldChars(String s, CharBuf out, IntList map) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char r = c;
            if (c < 0x80) {
                if (c == '\t' || c == '\n' || c == '\r' || c == '\f') r = ' ';
                // runs of white space are one space: multi-word forms match across double spaces and line breaks
                if (r == ' ' && out.length() > 0 && out.last() == ' ') continue;
                if (c == '.' && isDevanagariAbbreviationDot(s, i)) continue; // यू.एस. -> यूएस
                emit(out, map, r, i);
                continue;
            }
            if (Chars.isDevanagari(c)) {
                switch (c) {
                    case '\u093c': continue; // nukta
                    case '\u0958': r = 'क'; break;
                    case '\u0959': r = 'ख'; break;
                    case '\u095a': r = 'ग'; break;
                    case '\u095b': r = 'ज'; break;
                    case '\u095c': r = 'ड'; break;
                    case '\u095d': r = 'ढ'; break;
                    case '\u095e': r = 'फ'; break;
                    case '\u095f': r = 'य'; break;
                    case '\u0929': r = 'न'; break;
                    case '\u0931': r = 'र'; break;
                    case '\u0934': r = 'ळ'; break;
                    case '\u0901': r = '\u0902'; break; // chandrabindu -> anusvara
                    // long and short i/u vary freely in transliterated names (यूगांडा/युगांडा, ईरान/इरान)
                    case '\u0940': r = '\u093f'; break;
                    case '\u0942': r = '\u0941'; break;
                    case '\u0908': r = '\u0907'; break;
                    case '\u090a': r = '\u0909'; break;
                    default: break;
                }
                // न्+consonant -> ं (हिन्दी/हिंदी, सम्बन्ध/संबंध); skip nukta between
                if (isNasalConsonant(r) && i + 2 < n && s.charAt(i + 1) == '\u094d' && isDevConsonant(s.charAt(i + 2))
                        && i > 0 && isDevVowelBearing(s.charAt(i - 1))) {
                    emit(out, map, '\u0902', i);
                    i++; // drop the virama
                    continue;
                }
                emit(out, map, r, i);
                continue;
            }
            if (c == '\u200c' || c == '\u200d' || c == '\u00ad' || c == '\ufeff' || c == '\u200b') continue;
            switch (c) {
                case '\u2018': case '\u2019': case '\u201a': case '\u201b': case '\u02bc': case '\u2032': r = '\''; break;
                case '\u201c': case '\u201d': case '\u201e': case '\u201f': case '\u00ab': case '\u00bb': case '\u2033': r = '"'; break;
                case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015': case '\u2212': r = '-'; break;
                case '\u00a0': case '\u2002': case '\u2003': case '\u2009': case '\u202f': case '\u2028': case '\u2029': case '\u0085': r = ' '; break;
                case 'ё': r = 'е'; break;
                case 'Ё': r = 'Е'; break;
                default: break;
            }
            if (r != c) {
                if (r == ' ' && out.length() > 0 && out.last() == ' ') continue;
                emit(out, map, r, i);
                continue;
            }
            if (c >= '\u0300' && c <= '\u036f') continue; // stray combining diacritics
            if (c >= '\u00c0' && c <= '\u024f') {
                String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                char base = d.charAt(0);
                if (base < 0x80) { emit(out, map, base, i); continue; }
                if (c == 'ß') { emit(out, map, 's', i); emit(out, map, 's', i); continue; }
            }
            if (Character.isHighSurrogate(c) || Character.isLowSurrogate(c)) { emit(out, map, c, i); continue; }
            if (Character.getType(c) == Character.SPACE_SEPARATOR) r = ' ';
            if (r == ' ' && out.length() > 0 && out.last() == ' ') continue;
            emit(out, map, r, i);
        }
    }

    /** Length of the run of Devanagari chars ending just before {@code end}. */
    private static int devRunBefore(String s, int end) {
        int k = end;
        while (k > 0 && Chars.isDevanagari(s.charAt(k - 1))) k--;
        return end - k;
    }

    /**
     * A dot inside a Devanagari abbreviation (यू.एस., यू.के., एन.एस.ए.): short letter groups on both
     * sides, or the closing dot after such a group. A sentence-ending dot ("है.पिछले") stays.
     */
    static boolean isDevanagariAbbreviationDot(String s, int i) {
        int before = devRunBefore(s, i);
        if (before == 0 || before > 3) return false;
        int k = i + 1;
        while (k < s.length() && Chars.isDevanagari(s.charAt(k))) k++;
        int after = k - (i + 1);
        if (after > 0 && after <= 3 && (k >= s.length() || s.charAt(k) == '.' || !Chars.isWordChar(s.charAt(k)))) return true;
        // the closing dot: the group before it was itself preceded by an abbreviation dot
        int start = i - before;
        return after == 0 && start > 0 && s.charAt(start - 1) == '.' && devRunBefore(s, start - 1) > 0 && devRunBefore(s, start - 1) <= 3;
    }

    private static boolean isDevVowelBearing(char c) {
        return isDevConsonant(c) || (c >= '\u0904' && c <= '\u0914') || (c >= '\u093e' && c <= '\u094c');
    }

    private static void emit(CharBuf out, IntList map, char c, int src) {
        out.append(c);
        if (map != null) map.add(src);
    }

    /** Growable int array without boxing. */
    static final class IntList {
        private int[] a;
        private int n;

        IntList(int cap) { a = new int[Math.max(4, cap)]; }

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
