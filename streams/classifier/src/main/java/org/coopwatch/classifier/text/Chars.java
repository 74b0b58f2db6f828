package org.coopwatch.classifier.text;

/** Character classes shared by the normaliser, the matcher and the splitter. */
public final class Chars {
    private Chars() {}

    private static final boolean[] WORD = new boolean[65536];

    static {
        for (int c = 0; c < 65536; c++) WORD[c] = computeWordChar((char) c);
    }

    /** Letters, digits and combining marks (Devanagari vowel signs, virama, anusvara) form words. */
    public static boolean isWordChar(char c) {
        return WORD[c];
    }

    private static boolean computeWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (c == '\u200c' || c == '\u200d') return true; // joiners sit inside Indic words
        int t = Character.getType(c);
        return Character.isLetterOrDigit(c) || t == Character.NON_SPACING_MARK
                || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    public static boolean isDevanagari(char c) {
        return c >= '\u0900' && c <= '\u097f';
    }

    public static boolean isCyrillic(char c) {
        return c >= '\u0400' && c <= '\u04ff';
    }

    public static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '\u00c0' && c <= '\u024f' && Character.isLetter(c));
    }
}
