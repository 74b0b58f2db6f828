package org.coopwatch.classifier.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopwatch.classifier.data.DataFiles;

/**
 * Finds boilerplate (related-article lines, photo captions, agency credits, share/subscribe
 * footers, navigation) with per-language regex rules in lexicon/boilerplate.LANG.tsv:
 * {@code line <TAB> regex} marks the whole line when the regex is found in it, {@code span <TAB>
 * regex} marks only the matched text (may cross lines). Removal blanks the text with spaces so every
 * offset still indexes the original article.
 */
public final class Boilerplate {
    /** Longest line a 'line' rule may remove. */
    static final int MAX_LINE = 300;
    private final List<Pattern> lineRules = new ArrayList<>();
    private final List<Pattern> spanRules = new ArrayList<>();
    private final Mode[] lineModes;
    private final Mode[] spanModes;

    /** The article with boilerplate blanked out, and the removed pieces as they were. */
    public record Result(String cleaned, List<String> removed) {}

    public Boilerplate(List<String> languages) {
        for (String lang : languages) {
            for (DataFiles.Row r : DataFiles.rows("org/coopwatch/classifier/lexicon/boilerplate." + lang + ".tsv")) {
                String kind = r.field(0);
                Pattern p;
                try {
                    String regex = r.fields()[1].strip();
                    // case folding costs a lookup per char: only rules with cased letters pay for it
                    boolean cased = regex.chars().anyMatch(ch -> Character.isUpperCase(ch) || Character.isLowerCase(ch));
                    p = Pattern.compile(nuktaTolerant(regex), (cased ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | Pattern.DOTALL);
                } catch (RuntimeException e) {
                    throw r.error("bad boilerplate regex: " + e.getMessage());
                }
                switch (kind) {
                    case "line" -> lineRules.add(p);
                    case "span" -> spanRules.add(p);
                    default -> throw r.error("boilerplate rule kind must be 'line' or 'span', not '" + kind + "'");
                }
            }
        }
        lineModes = lineRules.stream().map(Boilerplate::mode).toArray(Mode[]::new);
        spanModes = spanRules.stream().map(Boilerplate::mode).toArray(Mode[]::new);
    }

    private static final String NUKTA_BASES = "कखगजडढफय";
    private static final String NUKTA_PRECOMPOSED = "\u0958\u0959\u095a\u095b\u095c\u095d\u095e\u095f";

    /** Rules are written with or without nukta; text may have either, precomposed or not. */
    static String nuktaTolerant(String regex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\u093c') continue;
            int pre = NUKTA_PRECOMPOSED.indexOf(c);
            if (pre >= 0) c = NUKTA_BASES.charAt(pre);
            int base = NUKTA_BASES.indexOf(c);
            if (base >= 0) {
                b.append("(?:").append(c).append("\u093c?|").append(NUKTA_PRECOMPOSED.charAt(base)).append(')');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** How a rule is tried: anchored at the start, only at each '(', or anywhere. */
    private enum Mode { ANCHORED, AT_PAREN, ANYWHERE }

    private static Mode mode(Pattern p) {
        String r = p.pattern();
        if (r.startsWith("^")) return Mode.ANCHORED;
        if (r.startsWith("\\(") || r.startsWith("(?m)\\(")) return Mode.AT_PAREN;
        return Mode.ANYWHERE;
    }

    /** Matches of {@code m}'s pattern in [from, to) of the text, tried only where they can start. */
    private static void collect(Matcher m, Mode mode, String text, int from, int to, boolean firstOnly, List<int[]> out) {
        switch (mode) {
            case ANCHORED -> {
                m.region(from, to);
                if (m.lookingAt() && m.end() > m.start()) out.add(new int[] {m.start(), m.end()});
            }
            case AT_PAREN -> {
                for (int i = text.indexOf('(', from); i >= 0 && i < to; i = text.indexOf('(', i + 1)) {
                    m.region(i, to);
                    if (m.lookingAt() && m.end() > m.start()) {
                        out.add(new int[] {m.start(), m.end()});
                        if (firstOnly) return;
                        i = m.end() - 1;
                    }
                }
            }
            default -> {
                m.region(from, to);
                while (m.find()) {
                    if (m.end() > m.start()) {
                        out.add(new int[] {m.start(), m.end()});
                        if (firstOnly) return;
                    }
                }
            }
        }
    }

    public Result apply(String text) {
        char[] out;
        List<int[]> removed = new ArrayList<>();
        for (int k = 0; k < spanRules.size(); k++) {
            collect(spanRules.get(k).matcher(text), spanModes[k], text, 0, text.length(), false, removed);
        }
        Matcher[] lineMatchers = new Matcher[lineRules.size()];
        for (int k = 0; k < lineMatchers.length; k++) {
            lineMatchers[k] = lineRules.get(k).matcher(text);
            // anchors and '$' refer to the line, not the whole text
            lineMatchers[k].useAnchoringBounds(true).useTransparentBounds(false);
        }
        List<int[]> hit = new ArrayList<>(1);
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = n;
            // a whole-line rule is for short lines: a one-line article must not vanish with its footer
            if (lineEnd > lineStart && lineEnd - lineStart <= MAX_LINE) {
                for (int k = 0; k < lineMatchers.length; k++) {
                    hit.clear();
                    collect(lineMatchers[k], lineModes[k], text, lineStart, lineEnd, true, hit);
                    if (!hit.isEmpty()) {
                        removed.add(new int[] {lineStart, lineEnd});
                        break;
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        if (removed.isEmpty()) return new Result(text, List.of());
        removed.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        out = text.toCharArray();
        List<String> pieces = new ArrayList<>();
        int coveredTo = -1;
        for (int[] r : removed) {
            if (r[1] <= coveredTo) continue; // inside an earlier piece
            int s = Math.max(r[0], coveredTo);
            String piece = text.substring(s, r[1]).strip().replaceAll("\\s+", " ");
            if (!piece.isEmpty()) pieces.add(piece);
            for (int i = s; i < r[1]; i++) if (out[i] != '\n') out[i] = ' ';
            coveredTo = r[1];
        }
        return new Result(new String(out), pieces);
    }
}
