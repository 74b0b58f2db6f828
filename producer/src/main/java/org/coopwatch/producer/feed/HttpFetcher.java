package org.coopwatch.producer.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.coopwatch.producer.source.Sizes;
import org.coopwatch.producer.source.Streams;

/**
 * HTTP GET for feeds and pages: conditional requests (ETag / Last-Modified), a per-host politeness delay,
 * connect and request timeouts, a size cap read as the body arrives, and retries with exponential
 * backoff and jitter for what may pass (timeouts, refused connections, 429 and 5xx; Retry-After is
 * honoured up to a minute). Other 4xx answers are final.
 */
public final class HttpFetcher {

    /** A fetch's outcome: 304 (not modified) has no body. */
    public record Response(int status, byte[] body, String contentType, String etag, String lastModified) {

        public boolean notModified() {
            return status == 304;
        }

        /** The charset the Content-Type declares, or null. */
        public Charset charset() {
            if (contentType == null) return null;
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring(8).replace("\"", "").replace("'", "").strip();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    /** The validators of the last response, sent back to ask "changed since?". */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    public static final String USER_AGENT = "coopwatch/0.1 (news monitoring; feed reader)";

    private final HttpClient client;
    private final Politeness politeness;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;

    /** @param timeout for connecting, and again for the whole request */
    public HttpFetcher(Politeness politeness, Duration timeout, int retries, Duration backoff) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.politeness = politeness;
        this.timeout = timeout;
        this.retries = retries;
        this.backoff = backoff;
    }

    /**
     * @param maxBytes bodies longer than this fail with a message (checked while reading, so a huge
     *                 response is not held in memory)
     * @throws FeedException with a message for a person: status, timeout, refused, too large
     * @throws InterruptedException when the thread is interrupted (stopping)
     */
    public Response get(URI uri, Validators validators, long maxBytes) throws FeedException, InterruptedException {
        FeedException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                long base = backoff.toMillis() << Math.min(attempt - 1, 10);
                long wait = last instanceof Retry r && r.after != null ? r.after.toMillis()
                        : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
                Thread.sleep(Math.min(wait, 60_000));
            }
            try {
                return once(uri, validators, maxBytes);
            } catch (Retry e) {
                last = e;
            }
        }
        throw new FeedException(last.getMessage() + " (" + (retries + 1) + " attempts)", last.getCause());
    }

    /** A failure worth another try. */
    private static final class Retry extends FeedException {
        final Duration after;

        Retry(String message, Duration after, Throwable cause) {
            super(message, cause);
            this.after = after;
        }
    }

    private Response once(URI uri, Validators v, long maxBytes) throws FeedException, InterruptedException {
        politeness.acquire(uri.getHost());
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9,"
                        + " text/html;q=0.8, */*;q=0.5");
        if (v != null && v.etag() != null) req.header("If-None-Match", v.etag());
        if (v != null && v.lastModified() != null) req.header("If-Modified-Since", v.lastModified());
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new Retry("no connection within " + seconds(timeout), null, e);
        } catch (HttpTimeoutException e) {
            throw new Retry("no answer within " + seconds(timeout), null, e);
        } catch (ConnectException e) {
            throw new Retry("connection refused", null, e);
        } catch (IOException e) {
            throw new Retry("cannot fetch: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, e);
        }
        int status = resp.statusCode();
        HttpHeaders h = resp.headers();
        try (InputStream body = resp.body()) {
            if (status == 304) {
                return new Response(304, new byte[0], null, h.firstValue("ETag").orElse(v == null ? null : v.etag()),
                        h.firstValue("Last-Modified").orElse(v == null ? null : v.lastModified()));
            }
            if (status == 429 || status >= 500) {
                throw new Retry("HTTP " + status + reason(status), retryAfter(h.firstValue("Retry-After")), null);
            }
            if (status < 200 || status >= 300) {
                throw new FeedException("HTTP " + status + reason(status));
            }
            long declared = h.firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) throw tooLarge(maxBytes, declared);
            byte[] bytes = Streams.readAtMost(body, maxBytes);
            if (bytes == null) throw tooLarge(maxBytes, -1);
            return new Response(status, bytes, h.firstValue("Content-Type").orElse(null),
                    h.firstValue("ETag").orElse(null), h.firstValue("Last-Modified").orElse(null));
        } catch (HttpTimeoutException e) {
            throw new Retry("body not received within " + seconds(timeout), null, e);
        } catch (IOException e) {
            throw new Retry("connection lost while reading: " + e.getMessage(), null, e);
        }
    }

    private static FeedException tooLarge(long max, long declared) {
        return new FeedException("response is " + (declared >= 0 ? Sizes.human(declared) + ", over" : "larger than")
                + " the " + Sizes.human(max) + " limit (raise it with --max-text-size)");
    }

    private static Duration retryAfter(Optional<String> v) {
        if (v.isEmpty()) return null;
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.get().strip())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: use the usual backoff
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
