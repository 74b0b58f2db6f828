package org.coopwatch.web.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed request: path segments after the route prefix, decoded query parameters. */
public final class Request {

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private final List<String> pathParams;

    Request(HttpExchange exchange, List<String> pathParams) {
        this.exchange = exchange;
        this.query = parseQuery(exchange.getRequestURI());
        this.pathParams = List.copyOf(pathParams);
    }

    public HttpExchange exchange() {
        return exchange;
    }

    /** The i-th captured group of the route's path pattern, URL-decoded. */
    public String pathParam(int i) {
        return pathParams.get(i);
    }

    /** A query parameter, or null when absent or empty. */
    public String param(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A whole-number parameter within [min, max], else 400; absent gives {@code fallback}. */
    public int intParam(String name, int fallback, int min, int max) {
        String v = param(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
        }
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Query parameters; a repeated parameter keeps its first value. */
    static Map<String, String> parseQuery(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) return out;
        for (String part : raw.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = decode(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : decode(part.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed percent-encoding in the URL: " + e.getMessage());
        }
    }
}
