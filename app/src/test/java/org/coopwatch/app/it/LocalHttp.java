package org.coopwatch.app.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server for the ITs: fixed pages for GET (feeds, articles), and a webhook that records POSTs. */
final class LocalHttp implements AutoCloseable {

    /** One POST as received. */
    record Post(String path, String query, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, String[]> pages = new ConcurrentHashMap<>();
    final List<Post> posts = new CopyOnWriteArrayList<>();

    LocalHttp() {
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

    /** Serves {@code body} at {@code path}; {@code {base}} in it becomes this server's address. */
    void page(String path, String contentType, String body) {
        pages.put(path, new String[] {contentType, body.replace("{base}", base())});
    }

    /** An RSS feed of one item whose page is served too. */
    void feedWithOneArticle(String feedPath, String pagePath, String title, String paragraph) {
        page(feedPath, "application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Loopback Wire</title><link>{base}/</link><language>en</language>
                <item><title>%s</title><link>{base}%s</link><guid>%s</guid>
                <pubDate>Tue, 19 Aug 2025 08:30:00 GMT</pubDate><description>%s</description></item>
                </channel></rss>
                """.formatted(title, pagePath, pagePath, title));
        page(pagePath, "text/html; charset=utf-8", "<html><head><title>" + title + "</title></head><body><article><h1>"
                + title + "</h1><p>" + paragraph + "</p></article></body></html>");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("POST")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                posts.add(new Post(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                        ex.getRequestHeaders().getFirst("Authorization"), body));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            String[] page = pages.get(ex.getRequestURI().getPath());
            if (page == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = page[1].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", page[0]);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
