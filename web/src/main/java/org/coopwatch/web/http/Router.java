package org.coopwatch.web.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopwatch.web.metrics.MetricsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to routes by method and path pattern, after the {@link HostCheck} and, for
 * protected routes, the {@link TokenAuth}. Errors become JSON with the status they deserve: bad
 * parameters 400, unknown paths 404, data temporarily unavailable 503 with {@code Retry-After}, anything
 * unexpected 500 (logged here with its stack trace, never sent to the caller).
 */
public final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Handles one request: returns the response, or null when it wrote the exchange itself (streams). */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws IOException;
    }

    private record Route(String method, Pattern path, String name, boolean isProtected, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final HostCheck hosts;
    private final TokenAuth auth;
    private final MetricsRegistry.Counter requests;

    public Router(HostCheck hosts, TokenAuth auth, MetricsRegistry metrics) {
        this.hosts = hosts;
        this.auth = auth;
        this.requests = metrics.counter("coopwatch_http_requests_total",
                "HTTP requests served by the web server, by route and status code.", "route", "code");
    }

    /** A route that needs the token (when one is set). {@code path} is a regex over the whole path. */
    public Router get(String path, String name, Handler handler) {
        routes.add(new Route("GET", Pattern.compile(path), name, true, handler));
        return this;
    }

    /** A route anyone on an allowed host may read: static files that hold no data. */
    public Router getPublic(String path, String name, Handler handler) {
        routes.add(new Route("GET", Pattern.compile(path), name, false, handler));
        return this;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String routeName = "unmatched";
        int status = 500;
        try {
            if (!hosts.allows(ex.getRequestHeaders().getFirst("Host"))) {
                status = send(ex, Response.error(403, "unexpected Host header: this server only answers to its own address"));
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            Route route = null;
            Matcher match = null;
            boolean pathKnown = false;
            for (Route r : routes) {
                Matcher m = r.path.matcher(path);
                if (m.matches()) {
                    pathKnown = true;
                    if (r.method.equals(ex.getRequestMethod()) || (r.method.equals("GET") && "HEAD".equals(ex.getRequestMethod()))) {
                        route = r;
                        match = m;
                        break;
                    }
                }
            }
            if (route == null) {
                status = pathKnown
                        ? send(ex, Response.error(405, "method " + ex.getRequestMethod() + " not allowed here").withHeader("Allow", "GET"))
                        : send(ex, Response.error(404, "no such resource: " + path));
                return;
            }
            routeName = route.name;
            if (route.isProtected && !auth.allows(ex.getRequestHeaders().getFirst("Authorization"),
                    Request.parseQuery(ex.getRequestURI()).get("token"))) {
                status = send(ex, Response.error(401, "an access token is required: send 'Authorization: Bearer <token>' or add ?token=<token>")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"coopwatch\""));
                return;
            }
            List<String> groups = new ArrayList<>();
            for (int i = 1; i <= match.groupCount(); i++) groups.add(Request.decode(match.group(i)));
            Response response = route.handler.handle(new Request(ex, groups));
            status = response == null ? 200 : send(ex, response);
        } catch (Unavailable e) {
            status = send(ex, Response.json(503, Map.of("error", e.getMessage(), "status", 503, "retryable", true))
                    .withHeader("Retry-After", "2"));
        } catch (HttpError e) {
            status = send(ex, Response.error(e.status(), e.getMessage()));
        } catch (IOException e) {
            // the client went away mid-response; nothing to answer
            status = 499;
            LOG.debug("Client went away during {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Request {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            status = send(ex, Response.error(500, "internal error (" + e.getClass().getSimpleName() + "); see the server log"));
        } finally {
            requests.inc(routeName, Integer.toString(status));
            ex.close();
        }
    }

    /** Writes a response with the headers every response gets; returns the status (or 499 if the client left). */
    static int send(HttpExchange ex, Response r) {
        try {
            Headers h = ex.getResponseHeaders();
            securityHeaders(h);
            h.set("Content-Type", r.contentType());
            if (!h.containsKey("Cache-Control")) h.set("Cache-Control", "no-store");
            r.headers().forEach(h::set);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
            if (!head && r.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
            return r.status();
        } catch (IOException e) {
            return 499;
        }
    }

    /** Headers of every response: no sniffing, no framing, no referrer (the token may be in the URL). */
    public static void securityHeaders(Headers h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
    }
}
