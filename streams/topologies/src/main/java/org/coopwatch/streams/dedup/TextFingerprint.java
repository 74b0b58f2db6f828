package org.coopwatch.streams.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text is made of, for comparing copies: its words (NFKC, lower case, letters with their combining
 * marks and digits; punctuation, spacing and line breaks ignored), a hash of that word sequence (two
 * texts with equal hashes differ at most in punctuation and spacing) and the hashes of its word
 * 3-shingles (for {@link MinHash}). Boilerplate lines the classifier found are left out, so a changed
 * "Also read" box does not make a copy look different.
 */
public record TextFingerprint(String textHash, long[] shingles) {

    /** Words per shingle: 3 keeps word order without making one edited word change too much. */
    public static final int SHINGLE = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    public static TextFingerprint of(String text, Collection<String> boilerplate) {
        List<String> words = words(withoutLines(text, boilerplate));
        return new TextFingerprint(hash(words), shingles(words));
    }

    static String withoutLines(String text, Collection<String> lines) {
        if (lines == null || lines.isEmpty()) return text;
        Set<String> drop = new HashSet<>();
        for (String l : lines) drop.add(l.strip());
        StringBuilder sb = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (!drop.contains(line.strip())) sb.append(line).append('\n');
        }
        return sb.toString();
    }

    static List<String> words(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(n);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Distinct hashes of every run of {@link #SHINGLE} words (or of the whole text, when shorter). */
    static long[] shingles(List<String> words) {
        if (words.isEmpty()) return new long[0];
        Set<Long> set = new HashSet<>();
        int n = Math.max(1, words.size() - SHINGLE + 1);
        for (int i = 0; i < n; i++) {
            long h = 0xcbf29ce484222325L; // FNV-1a over the words of the shingle, a separator between them
            for (int j = i; j < Math.min(words.size(), i + SHINGLE); j++) {
                String w = words.get(j);
                for (int k = 0; k < w.length(); k++) {
                    h ^= w.charAt(k);
                    h *= 0x100000001b3L;
                }
                h ^= 0x1F;
                h *= 0x100000001b3L;
            }
            set.add(MinHash.mix(h));
        }
        long[] out = new long[set.size()];
        int i = 0;
        for (long v : set) out[i++] = v;
        return out;
    }

    private static String hash(List<String> words) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String w : words) {
                md.update(w.getBytes(StandardCharsets.UTF_8));
                md.update((byte) ' ');
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
