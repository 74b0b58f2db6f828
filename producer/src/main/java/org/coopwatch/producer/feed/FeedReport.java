package org.coopwatch.producer.feed;

import java.util.List;
import java.util.Locale;
import org.coopwatch.producer.FailedSend;
import org.coopwatch.producer.source.Problem;

/**
 * One polling round over every feed.
 *
 * @param feeds       feeds polled
 * @param unchanged   feeds that answered 304 Not Modified
 * @param failedFeeds feeds that could not be fetched or read (see the problems)
 * @param newItems    items not published before
 * @param published   articles Kafka acknowledged
 * @param summaries   of those, articles made from the feed's summary because the page could not be read
 * @param itemsSkipped new items neither page nor summary could be read for (tried again next round)
 * @param problems    every problem, named by feed or page URL
 * @param failedSends articles Kafka did not take (they are retried at the next round)
 */
public record FeedReport(int feeds, int unchanged, int failedFeeds, int newItems, long published, int summaries,
                         int itemsSkipped, List<Problem> problems, List<FailedSend> failedSends) {

    public FeedReport {
        problems = List.copyOf(problems);
        failedSends = List.copyOf(failedSends);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "polled %d feed%s: %d unchanged, %d new item%s,"
                        + " %d published", feeds, feeds == 1 ? "" : "s", unchanged, newItems, newItems == 1 ? "" : "s",
                published));
        if (summaries > 0) sb.append(String.format(Locale.ROOT, " (%d from the feed's summary)", summaries));
        if (failedFeeds > 0) sb.append(String.format(Locale.ROOT, "; %d feed%s FAILED", failedFeeds, failedFeeds == 1 ? "" : "s"));
        long skipped = itemsSkipped;
        if (skipped > 0) sb.append(String.format(Locale.ROOT, "; %d item%s skipped", skipped, skipped == 1 ? "" : "s"));
        if (!failedSends.isEmpty()) sb.append(String.format(Locale.ROOT, "; %d not acknowledged by Kafka (retried next round)", failedSends.size()));
        return sb.toString();
    }
}
