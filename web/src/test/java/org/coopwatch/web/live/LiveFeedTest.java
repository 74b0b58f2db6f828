package org.coopwatch.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.web.TestData;
import org.coopwatch.web.http.Json;
import org.coopwatch.web.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    static final Instant T = Instant.parse("2025-08-20T10:00:00Z");
    final Clock clock = Clock.fixed(T.plusSeconds(90), ZoneOffset.UTC);
    final MetricsRegistry metrics = new MetricsRegistry();

    static List<String> drain(Subscription s) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        String f;
        while ((f = s.poll(0)) != null) frames.add(f);
        return frames;
    }

    static JsonNode data(String frame) throws Exception {
        String json = frame.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).reduce("", String::concat);
        return Json.MAPPER.readTree(json);
    }

    @Test
    void subscribersGetNewItemsInOrderWithIncreasingIds() throws Exception {
        LiveFeed feed = new LiveFeed(10, 5, clock, metrics);
        Subscription s = feed.subscribe(null);
        feed.onEvent(TestData.event("a1", "IND", "RUS", PloverType.AGREE, 0.9, List.of("energy"), T));
        feed.onAlert(TestData.alert("x1", "IND", "RUS", PloverType.AGREE, "India and Russia agree", T, T.plusSeconds(30)));

        List<String> frames = drain(s);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("id: " + feed.eventId(1) + "\nevent: event\n");
        assertThat(frames.get(1)).startsWith("id: " + feed.eventId(2) + "\nevent: alert\n");
        JsonNode alert = data(frames.get(1));
        assertThat(alert.get("alertId").asText()).isEqualTo("x1");
        assertThat(alert.get("kind").asText()).isEqualTo("alert");
        assertThat(alert.get("created").asText()).isEqualTo("2025-08-20T10:00:30Z");
        assertThat(alert.get("evidence").get("text").asText()).isEqualTo("Evidence sentence for x1.");
        assertThat(data(frames.get(0)).get("sectors").get(0).asText()).isEqualTo("energy");
    }

    @Test
    void replayedRecordsFromTheSinkAreDropped() throws Exception {
        LiveFeed feed = new LiveFeed(10, 5, clock, metrics);
        Subscription s = feed.subscribe(null);
        var alert = TestData.alert("x1", "IND", "RUS", PloverType.AGREE, "m", T, T.plusSeconds(30));
        feed.onAlert(alert);
        feed.onAlert(alert);
        assertThat(drain(s)).hasSize(1);
        assertThat(feed.recentAlerts(10)).hasSize(1);
        assertThat(feed.received("alert")).isEqualTo(1);
        assertThat(metrics.scrape()).contains("coopwatch_live_replayed_records_total{kind=\"alert\"} 1");
    }

    @Test
    void aNewClientGetsTheBufferAndAReconnectingOneOnlyWhatItMissed() throws Exception {
        LiveFeed feed = new LiveFeed(3, 5, clock, metrics);
        for (int i = 1; i <= 5; i++) {
            feed.onEvent(TestData.event("a" + i, "IND", "RUS", PloverType.AGREE, 0.9, List.of(), T.plusSeconds(i)));
        }
        // capacity 3: events 3..5 are kept
        List<String> fresh = drain(feed.subscribe(null));
        assertThat(fresh).extracting(f -> f.lines().findFirst().orElseThrow())
                .containsExactly("id: " + feed.eventId(3), "id: " + feed.eventId(4), "id: " + feed.eventId(5));
        List<String> resumed = drain(feed.subscribe(feed.eventId(4)));
        assertThat(resumed).extracting(f -> f.lines().findFirst().orElseThrow()).containsExactly("id: " + feed.eventId(5));
        // an id from before a restart (numbers started again) or a garbled one: the whole buffer
        assertThat(drain(feed.subscribe("0abc-99"))).hasSize(3);
        assertThat(drain(feed.subscribe("garbage"))).hasSize(3);
        assertThat(feed.recentEvents(2)).extracting(FeedItem::id).containsExactly("a5|IND|RUS|AGREE", "a4|IND|RUS|AGREE");
    }

    @Test
    void aClientThatFallsAWholeQueueBehindIsCutOffNotTheFeed() throws Exception {
        LiveFeed feed = new LiveFeed(1, 5, clock, metrics);
        Subscription slow = feed.subscribe(null);
        int queue = 2 * 1 + 1000;
        for (int i = 0; i < queue + 5; i++) {
            feed.onEvent(TestData.event("a" + i, "IND", "RUS", PloverType.AGREE, 0.9, List.of(), T));
        }
        assertThat(feed.subscriberCount()).isZero();
        assertThat(drain(slow)).isEmpty();
        assertThat(slow.isOpen()).isFalse();
        assertThat(metrics.scrape()).contains("coopwatch_live_slow_clients_total 1");
        Subscription next = feed.subscribe(null);
        assertThat(next).isNotNull();
    }

    @Test
    void tooManyClientsAreRefused() {
        LiveFeed feed = new LiveFeed(10, 2, clock, metrics);
        assertThat(feed.subscribe(null)).isNotNull();
        Subscription second = feed.subscribe(null);
        assertThat(feed.subscribe(null)).isNull();
        second.close();
        assertThat(feed.subscribe(null)).isNotNull();
    }

    @Test
    void aggregateUpdatesAreSentAsOneMessageOfChangedPairs() throws Exception {
        LiveFeed feed = new LiveFeed(10, 5, clock, metrics);
        Subscription s = feed.subscribe(null);
        feed.flushAggregates();
        assertThat(drain(s)).isEmpty();
        for (String pair : List.of("IND-RUS", "CHN-IND", "IND-RUS")) {
            feed.onAggregate(org.coopwatch.avro.Aggregate.newBuilder().setAggregateId("x").setGranularity("hour")
                    .setPair(pair).setType("AGREE").setSector("-").setWindowStart(T).setWindowEnd(T)
                    .setCount(1).setArticles(1).setBalance(1).setArticleIds(List.of()).build());
        }
        feed.flushAggregates();
        List<String> frames = drain(s);
        assertThat(frames).containsExactly("event: aggregates\ndata: {\"pairs\":[\"CHN-IND\",\"IND-RUS\"]}\n\n");
    }

    @Test
    void latenciesFromPublicationAndIngestionToAlertAndFromAlertToViewAreObserved() {
        LiveFeed feed = new LiveFeed(10, 5, clock, metrics);
        // published at T, ingested at T+28 s, alert created at T+30 s, seen here at T+90 s: 60 s after creation
        org.coopwatch.avro.Alert alert = TestData.alert("x1", "IND", "RUS", PloverType.AGREE, "m", T, T.plusSeconds(30));
        alert.setIngested(T.plusSeconds(28));
        feed.onAlert(alert);
        // an alert written before v2 of the schema has no ingestion time: not counted there
        feed.onAlert(TestData.alert("x2", "IND", "RUS", PloverType.AGREE, "m", T, T.plusSeconds(30)));
        String text = metrics.scrape();
        assertThat(text).contains("coopwatch_publish_to_alert_seconds_bucket{le=\"15\"} 0\n")
                .contains("coopwatch_publish_to_alert_seconds_bucket{le=\"30\"} 2\n")
                .contains("coopwatch_publish_to_alert_seconds_sum 60\n")
                .contains("coopwatch_alert_to_view_seconds_bucket{le=\"30\"} 0\n")
                .contains("coopwatch_alert_to_view_seconds_bucket{le=\"60\"} 2\n")
                .contains("coopwatch_ingest_to_alert_seconds_bucket{le=\"1\"} 0\n")
                .contains("coopwatch_ingest_to_alert_seconds_bucket{le=\"2\"} 1\n")
                .contains("coopwatch_ingest_to_alert_seconds_count 1\n")
                .contains("coopwatch_alert_to_view_seconds_count 2\n");
    }

    @Test
    void closingEndsStreamsAfterWhatIsQueued() throws Exception {
        LiveFeed feed = new LiveFeed(10, 5, clock, metrics);
        Subscription s = feed.subscribe(null);
        feed.onEvent(TestData.event("a1", "IND", "RUS", PloverType.AGREE, 0.9, List.of(), T));
        feed.close();
        assertThat(s.isOpen()).isTrue();
        assertThat(s.poll(0)).startsWith("id: " + feed.eventId(1));
        assertThat(s.poll(0)).isNull();
        assertThat(s.isOpen()).isFalse();
    }
}
