package org.coopwatch.producer.source;

import java.util.Locale;

/** Byte counts for people: "2 MiB", "730 KiB", "12 bytes". */
public final class Sizes {

    private Sizes() {}

    public static String human(long bytes) {
        if (bytes < 1024) return bytes + (bytes == 1 ? " byte" : " bytes");
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    /**
     * Parses "2MB", "2 MiB", "512k", "1048576": the K/M/G suffixes are binary (1024) either way, as
     * Kafka's own size settings are.
     */
    public static long parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        String num = t;
        String[][] suffixes = {{"gib", "gb", "g"}, {"mib", "mb", "m"}, {"kib", "kb", "k"}, {"bytes", "b"}};
        long[] mults = {1L << 30, 1L << 20, 1L << 10, 1};
        outer:
        for (int i = 0; i < suffixes.length; i++) {
            for (String suf : suffixes[i]) {
                if (t.endsWith(suf)) {
                    mult = mults[i];
                    num = t.substring(0, t.length() - suf.length());
                    break outer;
                }
            }
        }
        try {
            double v = Double.parseDouble(num);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return Math.round(v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + s + "' (examples: 2MB, 512KB, 1048576)");
        }
    }

    /** UTF-8 length of a string without encoding it. */
    public static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }
}
