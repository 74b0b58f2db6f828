package org.coopwatch.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings that hold several values in one string (a properties line, an environment variable). A comma
 * separates two items only where the next item starts like one (a URL scheme, a header name and ':'), so
 * commas inside a URL or a header value are kept.
 */
public final class Lists {

    // a comma or white space before "scheme://"
    private static final Pattern URL_SEPARATOR = Pattern.compile("[\\s,]+(?=[A-Za-z][A-Za-z0-9+.-]*://)");
    // a comma before "Name:" (HTTP token characters)
    private static final Pattern HEADER_COMMA = Pattern.compile("\\s*,\\s*(?=[A-Za-z0-9!#$%&'*+.^_`|~-]+\\s*:)");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private Lists() {
    }

    /** {@code "https://a/x, https://b/y"} -> two URLs; blank items are dropped. */
    public static List<String> urls(String value) {
        return split(value, URL_SEPARATOR);
    }

    /**
     * {@code "Authorization: Bearer t, X-Team: desk"} -> two {@code Name: value} items. A value with line
     * breaks is one header per line, commas and all (repeated flags are joined that way).
     */
    public static List<String> headers(String value) {
        return split(value, value != null && LINE_BREAK.matcher(value.strip()).find() ? LINE_BREAK : HEADER_COMMA);
    }

    /** Joins flag values so that {@link #headers} gives them back unchanged (a line break between them). */
    public static String joinHeaders(List<String> headers) {
        return String.join("\n", headers);
    }

    private static List<String> split(String value, Pattern separator) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String item : separator.split(value.strip())) {
            String s = item.strip();
            // a trailing comma of the last item ("a, b,") is no part of it
            while (s.endsWith(",")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
