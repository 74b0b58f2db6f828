package org.coopwatch.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.coopwatch.app.pipeline.ProducerSettings;
import picocli.CommandLine.Option;

/** Where articles come from besides files: feeds, a watched folder, and the publishing rate ({@code produce}, {@code run}). */
public final class SourceOptions {

    @Option(names = "--feed", paramLabel = "URL",
            description = "An RSS or Atom feed to poll (repeatable; setting producer.feeds, comma-separated). Each new "
                    + "item's page is fetched and its article text published (the feed's summary when the page "
                    + "cannot be read). Requests are conditional, polite (2 s between requests to one host) and "
                    + "retried; what was published is remembered in DATA_DIR/feeds, so a restart publishes nothing twice.")
    List<String> feeds;

    @Option(names = "--feeds-file", paramLabel = "FILE",
            description = "A file listing feed URLs, one per line, '#' for comments (setting producer.feeds.file).")
    Path feedsFile;

    @Option(names = "--poll-interval", paramLabel = "DURATION",
            description = "Time between two polls of the feeds (setting producer.poll.interval; default 15m).")
    String pollInterval;

    @Option(names = "--watch", paramLabel = "DIR",
            description = "Keep publishing the files that appear in this folder (recursively; .txt, .html, .json, "
                    + ".jsonl), each once it has stopped changing; names starting with '.' are ignored, so write "
                    + "'.name' and rename it when done (setting producer.watch). Published files are remembered in "
                    + "DATA_DIR/watch; a changed file is published again.")
    Path watch;

    @Option(names = "--rate", paramLabel = "N[/s]",
            description = "At most this many articles a second from files and the watched folder, e.g. 50, 50/s, "
                    + "300/min (setting producer.rate; default: as fast as Kafka takes them). Feeds are paced by "
                    + "their hosts' politeness delay instead.")
    String rate;

    void addTo(Map<String, String> flags) {
        if (feeds != null && !feeds.isEmpty()) {
            flags.put(ProducerSettings.FEEDS, String.join(",", feeds));
        }
        if (feedsFile != null) {
            flags.put(ProducerSettings.FEEDS_FILE, feedsFile.toString());
        }
        if (pollInterval != null) {
            flags.put(ProducerSettings.POLL_INTERVAL, pollInterval);
        }
        if (watch != null) {
            flags.put(ProducerSettings.WATCH, watch.toString());
        }
        if (rate != null) {
            flags.put(ProducerSettings.RATE, rate);
        }
    }
}
