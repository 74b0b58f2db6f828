package org.coopwatch.classifier.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coopwatch.classifier.data.DataFiles;

/**
 * Tells hi, en, ru and 'und' apart. The dominant script decides between Devanagari (hi), Cyrillic
 * (ru, unless letters only other Cyrillic languages use dominate) and Latin; Latin text is scored
 * against function-word profiles (lexicon/langid/*.txt): English, romanised Hindi ("aur", "ke",
 * "mein") and a few other Latin-script languages that yield 'und'. Works on headline-length text.
 */
public final class LanguageDetector {
    private static final String BASE = "org/coopwatch/classifier/lexicon/langid/";
    /** profile file -> language reported */
    private static final String[][] LATIN_PROFILES = {
        {"en", "en"}, {"hi-latn", "hi"}, {"de", "und"}, {"fr", "und"}, {"es", "und"}, {"it", "und"}, {"pt", "und"}, {"nl", "und"}
    };
    private final List<String> profileLang = new ArrayList<>();
    private final List<Set<String>> profiles = new ArrayList<>();

    public LanguageDetector() {
        for (String[] p : LATIN_PROFILES) {
            Set<String> words = new HashSet<>();
            for (DataFiles.Row r : DataFiles.rows(BASE + p[0] + ".txt")) {
                for (String w : r.field(0).split("\\s+")) words.add(w.toLowerCase(Locale.ROOT));
            }
            if (words.isEmpty()) continue;
            profileLang.add(p[1]);
            profiles.add(words);
        }
    }

    public String detect(String text) {
        int dev = 0, cyr = 0, lat = 0, other = 0, nonRussianCyr = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) continue;
            if (Chars.isDevanagari(c)) dev++;
            else if (Chars.isCyrillic(c)) {
                cyr++;
                if ("іїєґўІЇЄҐЎ".indexOf(c) >= 0) nonRussianCyr++;
            } else if (Chars.isLatinLetter(c)) lat++;
            else other++;
        }
        int max = Math.max(Math.max(dev, cyr), Math.max(lat, other));
        if (max == 0) return "und";
        // Hindi text carries English words and names in Latin letters ("Singapore Parliament की 16 महिला MPs")
        if (dev == max || (dev > cyr && dev * 10 >= (dev + lat) * 3)) return "hi";
        if (cyr == max) return nonRussianCyr * 50 > cyr ? "und" : "ru";
        if (other == max) return "und";
        return latin(text);
    }

    /** Function words of the first few thousand characters decide; a long article says nothing new after them. */
    private static final int LATIN_SCAN_CHARS = 4000;

    private String latin(String text) {
        Map<String, Integer> score = new HashMap<>();
        int tokens = 0;
        StringBuilder w = new StringBuilder();
        int n = Math.min(text.length(), LATIN_SCAN_CHARS);
        while (n < text.length() && Chars.isLatinLetter(text.charAt(n))) n++; // do not cut a word in two
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Chars.isLatinLetter(c) || c == '\'') {
                w.append(Character.toLowerCase(c));
                continue;
            }
            if (w.length() > 0) {
                tokens++;
                String t = w.toString();
                for (int p = 0; p < profiles.size(); p++) {
                    if (profiles.get(p).contains(t)) score.merge(profileLang.get(p) + "#" + p, 1, Integer::sum);
                }
                w.setLength(0);
            }
        }
        if (tokens == 0) return "und";
        String best = null;
        int bestScore = 0;
        for (Map.Entry<String, Integer> e : score.entrySet()) {
            // ties go to English: it is the usual Latin-script language of our sources
            if (e.getValue() > bestScore || (e.getValue() == bestScore && e.getKey().startsWith("en#"))) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        if (best == null) return "en"; // names only ("India Russia Trade Relations")
        String lang = best.substring(0, best.indexOf('#'));
        if (lang.equals("und")) {
            // another Latin-script language needs clear evidence: one shared word ("met") is not enough
            int en = 0;
            for (Map.Entry<String, Integer> e : score.entrySet()) if (e.getKey().startsWith("en#")) en = e.getValue();
            if (bestScore < 2 || bestScore < 2 * en) return "en";
        }
        return lang;
    }
}
