package org.coopwatch.classifier.text;

/**
 * Text after {@link TextNormalizer}: {@code folded} keeps letter case, {@code lower} is the same text
 * lower-cased (same length). {@code toOriginal[i]} is the index in the original text of folded char
 * {@code i}; {@code toOriginal[length]} is the original length, so spans map back with
 * {@link #originalStart}/{@link #originalEnd}.
 */
public final class NormalizedText {
    public final String original;
    public final String folded;
    public final String lower;
    private final int[] toOriginal;

    NormalizedText(String original, String folded, String lower, int[] toOriginal) {
        this.original = original;
        this.folded = folded;
        this.lower = lower;
        this.toOriginal = toOriginal;
    }

    public int length() {
        return folded.length();
    }

    public int originalStart(int normStart) {
        return toOriginal[Math.min(normStart, folded.length())];
    }

    /** Exclusive end: the original index just past the last original char that produced normEnd-1. */
    public int originalEnd(int normEnd) {
        if (normEnd <= 0) return 0;
        if (normEnd >= folded.length()) return original.length();
        int next = toOriginal[normEnd];
        int last = toOriginal[normEnd - 1];
        return Math.max(next, last + 1);
    }
}
