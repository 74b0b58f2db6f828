package org.coopwatch.classifier.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopwatch.classifier.data.DataFiles;
import org.coopwatch.classifier.text.Chars;
import org.coopwatch.classifier.text.TextNormalizer;

/**
 * Rule-based Devanagari and Cyrillic to Latin transliteration for names, with Hindi schwa deletion
 * (अमरदीप -> Amardeep) and a per-word exception list (lexicon/translit.tsv: सिंह -> Singh).
 * Approximate by design: gazetteer entries carry exact Latin names when known.
 */
public final class Transliterator {
    private final Map<String, String> exceptions = new HashMap<>();

    public Transliterator() {
        for (DataFiles.Row r : DataFiles.rows("org/coopwatch/classifier/lexicon/translit.tsv")) {
            if (r.fields().length < 2) throw r.error("expected 'word <TAB> Latin'");
            exceptions.put(key(r.field(0)), r.field(1));
        }
    }

    private static final TextNormalizer FOLD = TextNormalizer.withoutVariants();

    /** Exceptions are looked up by their folded spelling (ट्रम्प = ट्रंप, nukta or not). */
    private static String key(String word) {
        return FOLD.normalizeForm(word);
    }

    /** Latin rendering of a name, each word capitalised; Latin input is returned tidied. */
    public String toLatin(String name) {
        StringBuilder out = new StringBuilder();
        for (String w : name.strip().split("\\s+")) {
            if (w.isEmpty()) continue;
            if (out.length() > 0) out.append(' ');
            w = w.replace("\u200d", "").replace("\u200c", "");
            String ex = exceptions.get(key(w));
            if (ex != null) { out.append(ex); continue; }
            String latin;
            if (w.chars().anyMatch(c -> Chars.isDevanagari((char) c))) latin = devanagari(w);
            else if (w.chars().anyMatch(c -> Chars.isCyrillic((char) c))) latin = cyrillic(w);
            else latin = w;
            out.append(capitalise(latin));
        }
        return out.toString();
    }

    private static String capitalise(String s) {
        if (s.isEmpty()) return s;
        StringBuilder b = new StringBuilder(s.length());
        boolean up = true;
        for (char c : s.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- Devanagari

    private static final Map<Character, String> CONS = new HashMap<>();
    private static final Map<Character, String> NUKTA = new HashMap<>();
    private static final Map<Character, String> VOWEL = new HashMap<>();
    private static final Map<Character, String> MATRA = new HashMap<>();

    static {
        String[] c = {"क", "k", "ख", "kh", "ग", "g", "घ", "gh", "ङ", "n", "च", "ch", "छ", "chh", "ज", "j", "झ", "jh",
            "ञ", "n", "ट", "t", "ठ", "th", "ड", "d", "ढ", "dh", "ण", "n", "त", "t", "थ", "th", "द", "d", "ध", "dh",
            "न", "n", "प", "p", "फ", "f", "ब", "b", "भ", "bh", "म", "m", "य", "y", "र", "r", "ल", "l", "ळ", "l",
            "व", "v", "श", "sh", "ष", "sh", "स", "s", "ह", "h", "ऩ", "n", "ऱ", "r"};
        for (int i = 0; i < c.length; i += 2) CONS.put(c[i].charAt(0), c[i + 1]);
        String[] nk = {"क", "q", "ख", "kh", "ग", "gh", "ज", "z", "ड", "r", "ढ", "rh", "फ", "f", "य", "y"};
        for (int i = 0; i < nk.length; i += 2) NUKTA.put(nk[i].charAt(0), nk[i + 1]);
        String[] pre = {"\u0958", "q", "\u0959", "kh", "\u095a", "gh", "\u095b", "z", "\u095c", "r", "\u095d", "rh", "\u095e", "f", "\u095f", "y"};
        for (int i = 0; i < pre.length; i += 2) CONS.put(pre[i].charAt(0), pre[i + 1]);
        String[] v = {"अ", "a", "आ", "a", "इ", "i", "ई", "ee", "उ", "u", "ऊ", "oo", "ऋ", "ri", "ए", "e", "ऐ", "ai",
            "ओ", "o", "औ", "au", "ऑ", "o", "ऍ", "e", "ऎ", "e", "ऒ", "o"};
        for (int i = 0; i < v.length; i += 2) VOWEL.put(v[i].charAt(0), v[i + 1]);
        String[] m = {"ा", "a", "ि", "i", "ी", "ee", "ु", "u", "ू", "oo", "ृ", "ri", "े", "e", "ै", "ai", "ो", "o",
            "ौ", "au", "ॉ", "o", "ॅ", "e", "ॆ", "e", "ॊ", "o"};
        for (int i = 0; i < m.length; i += 2) MATRA.put(m[i].charAt(0), m[i + 1]);
    }

    /** One syllable: a consonant cluster (may be empty) and its vowel (inherent 'a' flagged). */
    private static final class Unit {
        final StringBuilder cons = new StringBuilder();
        int consonants;
        String vowel = "";
        boolean inherent;
        String coda = ""; // anusvara / visarga
        char lastCons;
    }

    static String devanagari(String w) {
        List<Unit> units = new ArrayList<>();
        StringBuilder tail = new StringBuilder(); // non-Devanagari chars kept as they are
        Unit cur = null;
        for (int i = 0; i < w.length(); i++) {
            char ch = w.charAt(i);
            String cs = CONS.get(ch);
            if (cs != null) {
                boolean nukta = i + 1 < w.length() && w.charAt(i + 1) == '\u093c';
                if (nukta && NUKTA.containsKey(ch)) { cs = NUKTA.get(ch); i++; }
                if (cur == null || !cur.vowel.isEmpty() || cur.inherent) {
                    cur = new Unit();
                    units.add(cur);
                }
                cur.cons.append(cs);
                cur.consonants++;
                cur.lastCons = ch;
                cur.inherent = true;
                cur.vowel = "a";
                if (i + 1 < w.length() && w.charAt(i + 1) == '\u094d') { // virama: cluster continues
                    cur.inherent = false;
                    cur.vowel = "";
                    i++;
                }
                continue;
            }
            String vs = VOWEL.get(ch);
            if (vs != null) {
                cur = new Unit();
                cur.vowel = vs;
                units.add(cur);
                continue;
            }
            String ms = MATRA.get(ch);
            if (ms != null && cur != null) {
                cur.vowel = ms;
                cur.inherent = false;
                continue;
            }
            if ((ch == '\u0902' || ch == '\u0901') && cur != null) { cur.coda = "n"; continue; }
            if (ch == '\u0903' && cur != null) { cur.coda = "h"; continue; }
            if (ch == '\u093c' || ch == '\u094d' || ch == '\u200c' || ch == '\u200d') continue;
            if (Chars.isDevanagari(ch)) continue;
            tail.append(ch);
        }
        int n = units.size();
        boolean[] drop = new boolean[n];
        // final schwa goes, except after a cluster ending in य (सत्य -> Satya)
        if (n > 1 && units.get(n - 1).inherent && units.get(n - 1).coda.isEmpty()
                && !(units.get(n - 1).consonants > 1 && units.get(n - 1).lastCons == 'य')) {
            drop[n - 1] = true;
        }
        // medial schwa between two full syllables goes (अमरदीप -> amar-deep), scanning right to left
        for (int i = n - 2; i >= 1; i--) {
            Unit u = units.get(i);
            if (!u.inherent || u.consonants != 1 || !u.coda.isEmpty()) continue;
            Unit prev = units.get(i - 1), next = units.get(i + 1);
            boolean prevHasVowel = !prev.vowel.isEmpty() && !drop[i - 1];
            boolean nextHasVowel = next.consonants > 0 && !next.vowel.isEmpty() && !drop[i + 1];
            if (prevHasVowel && nextHasVowel && !drop[i + 1]) drop[i] = true;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            out.append(u.cons);
            String v = drop[i] ? "" : u.vowel;
            if (i == n - 1) {
                if (v.equals("ee")) v = "i";
                else if (v.equals("oo")) v = "u";
            }
            out.append(v);
            if (!u.coda.isEmpty()) {
                char nextCons = i + 1 < n && units.get(i + 1).consonants > 0 ? units.get(i + 1).cons.charAt(0) : ' ';
                out.append(u.coda.equals("n") && (nextCons == 'p' || nextCons == 'b' || nextCons == 'm') ? "m" : u.coda);
            }
        }
        return out.append(tail).toString();
    }

    // ---------------------------------------------------------------- Cyrillic

    private static final Map<Character, String> CYR = new HashMap<>();

    static {
        String[] t = {"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "yo", "ж", "zh", "з", "z",
            "и", "i", "й", "y", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s",
            "т", "t", "у", "u", "ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch", "ъ", "", "ы", "y",
            "ь", "", "э", "e", "ю", "yu", "я", "ya", "і", "i", "ї", "yi", "є", "ye", "ґ", "g"};
        for (int i = 0; i < t.length; i += 2) CYR.put(t[i].charAt(0), t[i + 1]);
    }

    static String cyrillic(String w) {
        String low = w.toLowerCase(java.util.Locale.ROOT);
        // Дмитрий -> Dmitry, Грозный -> Grozny
        if (low.endsWith("ий") || low.endsWith("ый")) low = low.substring(0, low.length() - 2) + "y\u0000";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < low.length(); i++) {
            char c = low.charAt(i);
            if (c == '\u0000') continue;
            String s = CYR.get(c);
            if (s == null) { out.append(c); continue; }
            // word-initial е -> ye (Евгений -> Yevgeny)
            if (c == 'е' && (i == 0 || "аеёиоуыэюяьъ".indexOf(low.charAt(i - 1)) >= 0)) s = "ye";
            out.append(s);
        }
        return out.toString();
    }
}
