package org.coopwatch.streams.dedup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The form of a URL under which the same page is recognised however it was linked: scheme and host in
 * lower case, no {@code www.}/{@code m.}/{@code amp.} prefix, no default port, no fragment, no tracking
 * parameters (utm_*, fbclid, gclid, ...), the remaining parameters sorted, no trailing slash, and
 * http and https alike. Null for anything that is not an absolute http(s) URL.
 */
public final class CanonicalUrl {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid",
            "mc_eid", "ref", "ref_src", "ref_url", "cmpid", "cmp", "ito", "ns_mchannel", "ns_source", "ns_campaign",
            "ns_linkname", "ns_fee", "at_medium", "at_campaign", "igshid", "_ga", "spm", "share", "rss", "from", "src");

    private CanonicalUrl() {}

    public static String of(String url) {
        if (url == null || url.isBlank()) return null;
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return null;
        String host = host(u.getHost());
        if (host == null) return null;
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.endsWith("/amp") && path.length() > 4) path = path.substring(0, path.length() - 4);
        List<String> params = new ArrayList<>();
        if (u.getRawQuery() != null) {
            for (String p : u.getRawQuery().split("&")) {
                if (p.isEmpty()) continue;
                String name = p.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (name.startsWith("utm_") || TRACKING.contains(name)) continue;
                params.add(p);
            }
        }
        params.sort(null);
        StringBuilder sb = new StringBuilder("http://").append(host);
        int port = u.getPort();
        if (port > 0 && port != 80 && port != 443) sb.append(':').append(port);
        sb.append(path);
        if (!params.isEmpty()) sb.append('?').append(String.join("&", params));
        return sb.toString();
    }

    /** The host without www., m. or amp. and in lower case; null when there is none. */
    public static String host(String host) {
        if (host == null || host.isBlank()) return null;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        for (String prefix : new String[] {"www.", "m.", "amp."}) {
            if (h.startsWith(prefix) && h.indexOf('.', prefix.length()) > 0) return h.substring(prefix.length());
        }
        return h;
    }

    /**
     * Who published a copy, for counting independent sources: the URL's host (outlets republishing wire
     * copy each have their own), else the source name the producer recorded, else "unknown".
     */
    public static String sourceKey(String url, String source) {
        if (url != null) {
            try {
                String h = host(new URI(url.strip()).getHost());
                if (h != null) return h;
            } catch (URISyntaxException e) {
                // fall back to the name
            }
        }
        if (source != null && !source.isBlank()) return source.strip().toLowerCase(Locale.ROOT);
        return "unknown";
    }
}
