package org.coopwatch.sink.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One place alerts are POSTed to: an http(s) URL, extra request headers (e.g. {@code Authorization}), and
 * the lowest severity sent there ({@code info} sends all; {@code critical} only critical alerts).
 * {@link #toString()} masks the URL and leaves header values out, so a config can be logged.
 */
public record Webhook(URI url, Map<String, String> headers, String minSeverity) {

    /** In rising order. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    public Webhook {
        if (url == null) throw new IllegalArgumentException("a webhook needs a URL");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook URL must start with http:// or https://: " + UrlMask.mask(url));
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("webhook URL has no host: " + UrlMask.mask(url));
        }
        headers = Map.copyOf(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("webhook header name is not a valid HTTP header name: '" + h.getKey() + "'");
            }
            if (h.getValue() == null || h.getValue().indexOf('\n') >= 0 || h.getValue().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("webhook header " + h.getKey() + " has no value or a line break in it");
            }
        }
        minSeverity = minSeverity == null ? "info" : minSeverity.trim().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(minSeverity)) {
            throw new IllegalArgumentException("webhook minimum severity must be info, warning or critical: " + minSeverity);
        }
    }

    /**
     * A webhook for every alert, from a URL as given on a command line or in a config file.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL (masked)
     */
    public static Webhook of(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a webhook needs a URL");
        try {
            return new Webhook(new URI(url.trim()), Map.of(), "info");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is not a valid URL (" + e.getReason() + "): "
                    + UrlMask.mask(url.trim()));
        }
    }

    public Webhook withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Webhook(url, h, minSeverity);
    }

    public Webhook withMinSeverity(String severity) {
        return new Webhook(url, headers, severity);
    }

    /** Whether an alert of this severity is sent here; unknown severities are sent (better too much than lost). */
    public boolean wants(String severity) {
        int rank = SEVERITIES.indexOf(severity == null ? "" : severity.toLowerCase(Locale.ROOT));
        return rank < 0 || rank >= SEVERITIES.indexOf(minSeverity);
    }

    /** The URL with its secrets masked: what logs and metrics show. */
    public String maskedUrl() {
        return UrlMask.mask(url);
    }

    @Override
    public String toString() {
        return maskedUrl() + (headers.isEmpty() ? "" : " (headers " + String.join(", ", headers.keySet()) + ")")
                + (minSeverity.equals("info") ? "" : " (" + minSeverity + " and above)");
    }
}
