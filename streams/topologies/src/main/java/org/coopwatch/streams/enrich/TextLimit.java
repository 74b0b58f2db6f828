package org.coopwatch.streams.enrich;

/**
 * Caps the text that is classified and stored. The enriched record carries the text (evidence offsets
 * index it) plus the analysis, and brokers accept about 1 MB per record by default, so text is cut at
 * {@link #DEFAULT_MAX_BYTES} of UTF-8: far beyond any news article, small enough that one pathological
 * input neither stalls the classifier nor produces a record the broker refuses.
 */
public final class TextLimit {

    /** 512 KiB of UTF-8: about 500 000 Latin or 170 000 Devanagari characters. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private TextLimit() {}

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}, never splitting a surrogate pair. */
    public static String truncate(String text, int maxBytes) {
        if (text.length() <= maxBytes / 3) return text; // a char is at most 3 UTF-8 bytes (4 per surrogate pair)
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int n;
            if (c < 0x80) n = 1;
            else if (c < 0x800) n = 2;
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) n = 4;
            else n = 3;
            if (bytes + n > maxBytes) return text.substring(0, i);
            bytes += n;
            if (n == 4) i++;
        }
        return text;
    }
}
