package org.coopwatch.sink.webhook;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Webhook URLs carry their secret: chat services put the token in the path, others in the query or
 * the user info. What is shown: scheme, host, port and the first path segment, enough to tell webhooks
 * apart; the rest of the path, query values and user info become {@code ***}.
 */
public final class UrlMask {

    private UrlMask() {}

    public static String mask(URI url) {
        StringBuilder sb = new StringBuilder();
        if (url.getScheme() != null) sb.append(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) sb.append("***@");
        if (url.getHost() != null) sb.append(url.getHost());
        if (url.getPort() >= 0) sb.append(':').append(url.getPort());
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String[] parts = path.substring(1).split("/", 2);
            sb.append('/').append(parts[0]);
            if (parts.length > 1 && !parts[1].isEmpty()) sb.append("/***");
        }
        String query = url.getRawQuery();
        if (query != null && !query.isEmpty()) {
            sb.append('?');
            String[] params = query.split("&");
            for (int i = 0; i < params.length; i++) {
                if (i > 0) sb.append('&');
                int eq = params[i].indexOf('=');
                sb.append(eq < 0 ? "***" : params[i].substring(0, eq) + "=***");
            }
        }
        return sb.toString();
    }

    /** For text that may not even parse as a URL: masked if it does, else only its scheme and host-ish start. */
    public static String mask(String url) {
        try {
            URI u = new URI(url);
            if (u.getHost() != null) return mask(u);
        } catch (URISyntaxException e) {
            // fall through
        }
        int cut = url.indexOf("://");
        if (cut < 0) return "***";
        int end = cut + 3;
        while (end < url.length() && "/?#@".indexOf(url.charAt(end)) < 0) end++;
        return url.substring(0, end) + "/***";
    }
}
