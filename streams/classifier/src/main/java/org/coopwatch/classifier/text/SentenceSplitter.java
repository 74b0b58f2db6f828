package org.coopwatch.classifier.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.coopwatch.classifier.data.DataFiles;

/**
 * Splits text into sentence spans [start, end) over the text as given. Knows the danda (। ॥),
 * '.', '?', '!', paragraph breaks, hard-wrapped lines (a newline inside a wrapped paragraph is a
 * space) and abbreviations from lexicon/abbreviations.LANG.txt (U.S., Mr., т.е., г.).
 */
public final class SentenceSplitter {
    private final Set<String> abbreviations = new HashSet<>();

    public record Span(int start, int end) {}

    public SentenceSplitter(List<String> languages) {
        for (String lang : languages) {
            for (DataFiles.Row r : DataFiles.rows("org/coopwatch/classifier/lexicon/abbreviations." + lang + ".txt")) {
                String a = r.field(0).toLowerCase(Locale.ROOT);
                if (a.endsWith(".")) a = a.substring(0, a.length() - 1);
                if (!a.isEmpty()) abbreviations.add(a);
            }
        }
    }

    public List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        boolean wrapped = looksHardWrapped(text);
        int start = 0;
        int lineStart = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int cut = -1;
            if (c == '।' || c == '॥') {
                cut = afterClosers(text, i + 1);
            } else if (c == '?' || c == '!') {
                int j = afterClosers(text, i + 1);
                if (j >= n || Character.isWhitespace(text.charAt(j)) || Chars.isDevanagari(text.charAt(j))) cut = j;
            } else if (c == '.') {
                if (isSentenceDot(text, i)) cut = afterClosers(text, i + 1);
            } else if (c == '\n') {
                if (newlineBreaks(text, lineStart, i, wrapped)) cut = i;
                lineStart = i + 1;
            }
            if (cut >= 0) {
                add(out, text, start, cut);
                start = cut;
                if (cut > i) i = cut - 1;
            }
        }
        add(out, text, start, n);
        return out;
    }

    private static void add(List<Span> out, String text, int s, int e) {
        while (s < e && Character.isWhitespace(text.charAt(s))) s++;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (e <= s) return;
        for (int i = s; i < e; i++) {
            if (Chars.isWordChar(text.charAt(i))) {
                out.add(new Span(s, e));
                return;
            }
        }
    }

    private static int afterClosers(String text, int j) {
        while (j < text.length() && "\"'”’»)]".indexOf(text.charAt(j)) >= 0) j++;
        return j;
    }

    private boolean isSentenceDot(String text, int i) {
        int n = text.length();
        int j = i + 1;
        if (j < n) {
            char next = text.charAt(j);
            if (Character.isDigit(next) || Chars.isLatinLetter(next) || Chars.isCyrillic(next) || next == '.' || next == ',') {
                return false; // 3.5, U.S.A, example.com, "...", a "." inside a token
            }
        }
        // the token before the dot
        int k = i;
        while (k > 0 && !Character.isWhitespace(text.charAt(k - 1)) && text.charAt(k - 1) != '(' && text.charAt(k - 1) != '"') k--;
        String tok = text.substring(k, i).toLowerCase(Locale.ROOT);
        if (abbreviations.contains(tok)) return false;
        if (tok.length() == 1 && Character.isLetter(tok.charAt(0)) && Character.isUpperCase(text.charAt(k))) return false; // initials
        if (tok.length() > 1 && tok.length() <= 4 && tok.indexOf('.') > 0 && tok.chars().filter(Character::isLetter).count() <= 3) {
            return false; // a.m, U.S, e.g (the last dot of a dotted abbreviation)
        }
        // the next visible char: a lower-case letter continues the sentence
        int m = afterClosers(text, j);
        while (m < n && text.charAt(m) == ' ') m++;
        if (m < n && Character.isLowerCase(text.charAt(m))) return false;
        return true;
    }

    private static boolean newlineBreaks(String text, int lineStart, int nl, boolean wrapped) {
        int n = text.length();
        int j = nl + 1;
        if (j >= n) return true;
        char next = text.charAt(j);
        if (next == '\n' || next == '\r') return true;
        if (next == ' ' || next == '\t') return true; // indented paragraph start
        int k = nl;
        while (k > lineStart && Character.isWhitespace(text.charAt(k - 1))) k--;
        if (k == lineStart) return true; // blank line
        if (Character.isLowerCase(next)) return false;
        if (!wrapped) return true;
        // in a hard-wrapped text a newline after a long line continues the paragraph
        return (k - lineStart) < 45;
    }

    /** Most lines 50..90 chars long and not ending a sentence: a wrapped plain-text story. */
    static boolean looksHardWrapped(String text) {
        int lines = 0, wrappedLines = 0, s = 0, n = text.length();
        while (s < n) {
            int e = text.indexOf('\n', s);
            if (e < 0) e = n;
            int len = e - s;
            if (len > 0) {
                lines++;
                char last = text.charAt(e - 1);
                if (len >= 45 && len <= 90 && last != '.' && last != '।') wrappedLines++;
            }
            s = e + 1;
        }
        return lines >= 4 && wrappedLines * 3 >= lines;
    }
}
