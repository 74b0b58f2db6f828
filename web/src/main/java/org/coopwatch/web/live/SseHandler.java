package org.coopwatch.web.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.coopwatch.web.http.Request;
import org.coopwatch.web.http.Response;
import org.coopwatch.web.http.Router;
import org.coopwatch.web.http.Unavailable;

/**
 * {@code GET /api/stream}: the live feed as server-sent events ({@code event: alert}, {@code event: event}
 * with the record as JSON, {@code event: aggregates} with the pairs whose aggregates changed). A comment
 * is sent every heartbeat so dead connections are noticed and proxies keep the stream open.
 */
public final class SseHandler implements Router.Handler {

    private final LiveFeed feed;
    private final long heartbeatMillis;

    public SseHandler(LiveFeed feed, long heartbeatMillis) {
        this.feed = feed;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public Response handle(Request r) throws IOException {
        String lastEventId = r.header("Last-Event-ID") != null ? r.header("Last-Event-ID") : r.param("lastEventId");
        Subscription sub = feed.subscribe(lastEventId);
        if (sub == null) throw new Unavailable("too many live-view clients are connected; try again later");
        HttpExchange ex = r.exchange();
        try (sub) {
            Router.securityHeaders(ex.getResponseHeaders());
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, SseFrames.retry(3000) + SseFrames.comment("coopwatch live feed"));
            while (true) {
                String frame = sub.poll(heartbeatMillis);
                if (frame != null) {
                    write(out, frame);
                } else if (sub.isOpen()) {
                    write(out, SseFrames.comment("ping"));
                } else {
                    break;
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
