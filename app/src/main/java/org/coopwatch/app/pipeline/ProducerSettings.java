package org.coopwatch.app.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.ConfigException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.app.config.Lists;
import org.coopwatch.producer.feed.FeedList;
import org.coopwatch.producer.feed.FeedReader;

/**
 * Where articles come from besides files, from coopwatch's configuration (keys {@code producer.*}): RSS and
 * Atom feeds ({@code producer.feeds}, {@code producer.feeds.file}, polled every {@code producer.poll.interval}),
 * a watched folder ({@code producer.watch}) and a publishing rate ({@code producer.rate}). What was published
 * is remembered under the data folder ({@code DATA_DIR/feeds}, {@code DATA_DIR/watch}).
 *
 * @param feeds        feed URLs given directly
 * @param feedsFile    a file listing feed URLs, one per line, or null
 * @param pollInterval time between two polling rounds
 * @param watch        a folder to publish files from as they appear, or null
 * @param rate         articles per second at most from files and watched folders; 0 for no limit
 * @param dataDir      coopwatch's data folder
 */
public record ProducerSettings(List<URI> feeds, Path feedsFile, Duration pollInterval, Path watch, double rate,
                               Path dataDir) {

    public static final String FEEDS = "producer.feeds";
    public static final String FEEDS_FILE = "producer.feeds.file";
    public static final String POLL_INTERVAL = "producer.poll.interval";
    public static final String WATCH = "producer.watch";
    public static final String RATE = "producer.rate";

    // 50, 50/s, 2.5/s, 300/min, 300/m, 1000/h
    private static final Pattern RATE_TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|sec|m|min|h))?");

    public ProducerSettings {
        feeds = List.copyOf(feeds);
    }

    public static ProducerSettings from(CoopwatchConfig config) {
        List<URI> feeds = new ArrayList<>();
        for (String url : Lists.urls(config.get(FEEDS).orElse(""))) {
            try {
                feeds.add(FeedList.parse(url));
            } catch (IllegalArgumentException e) {
                throw new CliException(FEEDS + " (--feed): " + e.getMessage(), e);
            }
        }
        Path feedsFile = config.get(FEEDS_FILE).filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        Duration poll = config.get(POLL_INTERVAL).filter(s -> !s.isBlank())
                .map(v -> duration(POLL_INTERVAL + " (--poll-interval)", v)).orElse(FeedReader.DEFAULT_POLL_INTERVAL);
        if (poll.isZero()) {
            throw new CliException(POLL_INTERVAL + " (--poll-interval) must be positive, e.g. 15m");
        }
        Path watch = config.get(WATCH).filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        double rate = config.get(RATE).filter(s -> !s.isBlank()).map(v -> rate(RATE + " (--rate)", v)).orElse(0.0);
        return new ProducerSettings(feeds, feedsFile, poll, watch, rate, config.dataDir());
    }

    /** Whether feeds are configured (directly or by a file). */
    public boolean hasFeeds() {
        return !feeds.isEmpty() || feedsFile != null;
    }

    public Optional<Path> watchFolder() {
        return Optional.ofNullable(watch);
    }

    /** Where the feeds' published items and validators are remembered. */
    public Path feedState() {
        return dataDir.resolve("feeds");
    }

    /** Where the watched folder's published files are remembered. */
    public Path watchState() {
        return dataDir.resolve("watch");
    }

    /**
     * Articles per second from {@code 50}, {@code 50/s}, {@code 300/min} or {@code 1000/h}; 0 means no limit.
     *
     * @throws CliException naming {@code what} when the text is no rate
     */
    public static double rate(String what, String text) {
        Matcher m = RATE_TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CliException(what + " must be articles per second such as 50, 50/s or 300/min (0 for no limit), "
                    + "got '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "m", "min" -> n / 60;
            case "h" -> n / 3600;
            default -> n;
        };
    }

    private static Duration duration(String what, String value) {
        try {
            return CoopwatchConfig.duration(what, value);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
