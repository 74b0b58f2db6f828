package org.coopwatch.web.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional access token: when one is set, a request must carry it as {@code Authorization: Bearer
 * <token>} or as the query parameter {@code token} (for EventSource, which cannot set headers).
 * Compared in constant time.
 */
public final class TokenAuth {

    private final byte[] token;

    /** @param token null or blank for no token (everything allowed) */
    public TokenAuth(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean enabled() {
        return token != null;
    }

    public boolean allows(String authorizationHeader, String tokenParam) {
        if (token == null) return true;
        String given = null;
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorizationHeader.substring(7).trim();
        } else if (tokenParam != null) {
            given = tokenParam;
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value to send to other instances, or null without a token. */
    public String bearer() {
        return token == null ? null : "Bearer " + new String(token, StandardCharsets.UTF_8);
    }
}
