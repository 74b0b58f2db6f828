package org.coopwatch.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The live view's files, loaded once from the classpath: only the files named here are served, so no
 * path from a request ever reaches the class loader. The page gets a strict Content-Security-Policy:
 * scripts and styles only from this server, no inline script, no framing.
 */
public final class StaticFiles {

    private static final String BASE = "/org/coopwatch/web/static/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, Response> files = new HashMap<>();

    public StaticFiles() {
        add("index.html", "text/html; charset=utf-8");
        add("app.js", "text/javascript; charset=utf-8");
        add("app.css", "text/css; charset=utf-8");
        add("favicon.svg", "image/svg+xml");
    }

    private void add(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + name)) {
            if (in == null) throw new IllegalStateException("the web module's resource " + BASE + name + " is missing");
            Response r = new Response(200, type, in.readAllBytes(), Map.of())
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("Content-Security-Policy", CSP);
            files.put(name, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of that name (no directories), else 404. */
    public Response get(String name) {
        Response r = files.get(name.isEmpty() ? "index.html" : name);
        if (r == null) throw HttpError.notFound("no such file: /" + name);
        return r;
    }
}
