package org.coopwatch.web.live;

import java.util.List;
import java.util.stream.Collectors;
import org.coopwatch.web.http.Request;
import org.coopwatch.web.http.Response;
import org.coopwatch.web.http.Router;

/** The live feed's routes: the SSE stream and the recent alerts and events as JSON. */
public final class LiveApi {

    private final LiveFeed feed;
    private final long heartbeatMillis;

    public LiveApi(LiveFeed feed, long heartbeatMillis) {
        this.feed = feed;
        this.heartbeatMillis = heartbeatMillis;
    }

    public void routes(Router router) {
        router.get("/api/stream", "stream", new SseHandler(feed, heartbeatMillis));
        router.get("/api/alerts/recent", "recent-alerts", r -> recent(feed.recentAlerts(limit(r))));
        router.get("/api/events/recent", "recent-events", r -> recent(feed.recentEvents(limit(r))));
    }

    private int limit(Request r) {
        return r.intParam("limit", 50, 1, feed.capacity());
    }

    /** {"items":[...]} newest first; items are pre-rendered JSON. */
    private static Response recent(List<FeedItem> items) {
        return Response.rawJson("{\"items\":[" + items.stream().map(FeedItem::json).collect(Collectors.joining(",")) + "]}");
    }
}
