package org.coopwatch.producer.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server for feed tests: fixed responses per path, conditional GET, a log of requests. */
final class FeedServer implements AutoCloseable {

    /** One canned response; etag/lastModified make it answer 304 to a matching conditional request. */
    record Page(int status, String contentType, byte[] body, String etag, String lastModified, long streamedBytes) {
        static Page ok(String contentType, byte[] body) {
            return new Page(200, contentType, body, null, null, -1);
        }

        Page withEtag(String etag) {
            return new Page(status, contentType, body, etag, lastModified, streamedBytes);
        }

        Page withLastModified(String lm) {
            return new Page(status, contentType, body, etag, lm, streamedBytes);
        }
    }

    /** A request as the server saw it. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince, String userAgent, int status) {}

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile boolean honourValidators = true;

    FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String path, Page page) {
        pages.put(path, page);
    }

    /** A test resource with {base} replaced by this server's address. */
    byte[] resource(String name) {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{base}", base())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
        Page p = pages.get(path);
        int status;
        try (ex) {
            if (p == null) {
                status = 404;
                ex.sendResponseHeaders(404, -1);
            } else if (honourValidators && ((p.etag() != null && p.etag().equals(inm))
                    || (p.lastModified() != null && p.lastModified().equals(ims)))) {
                status = 304;
                if (p.etag() != null) ex.getResponseHeaders().set("ETag", p.etag());
                ex.sendResponseHeaders(304, -1);
            } else {
                status = p.status();
                if (p.contentType() != null) ex.getResponseHeaders().set("Content-Type", p.contentType());
                if (p.etag() != null) ex.getResponseHeaders().set("ETag", p.etag());
                if (p.lastModified() != null) ex.getResponseHeaders().set("Last-Modified", p.lastModified());
                if (p.streamedBytes() >= 0) {
                    // a huge body, written in chunks and never held in memory; the client may hang up early
                    ex.sendResponseHeaders(p.status(), 0);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    try (OutputStream out = ex.getResponseBody()) {
                        for (long sent = 0; sent < p.streamedBytes(); sent += chunk.length) out.write(chunk);
                    } catch (IOException e) {
                        // the client stopped reading at its limit
                    }
                } else {
                    ex.sendResponseHeaders(p.status(), p.body().length == 0 ? -1 : p.body().length);
                    if (p.body().length > 0) {
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(p.body());
                        }
                    }
                }
            }
        }
        requests.add(new Request(path, inm, ims, ex.getRequestHeaders().getFirst("User-Agent"), status));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
