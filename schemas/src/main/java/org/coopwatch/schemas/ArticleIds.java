package org.coopwatch.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable article ids: the URL when there is one, else a hash of the content, so a replay keeps its key. */
public final class ArticleIds {

    private ArticleIds() {}

    public static String of(String url, String text) {
        if (url != null && !url.isBlank()) return url.trim();
        return "sha256:" + contentHash(text).substring(0, 32);
    }

    public static String contentHash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The event key: both ISO3 codes sorted, so one partition sees every event of a pair, in order. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
    }
}
