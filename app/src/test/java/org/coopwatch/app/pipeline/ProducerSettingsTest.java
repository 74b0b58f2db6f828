package org.coopwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.producer.feed.FeedReader;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    private static ProducerSettings from(Map<String, String> flags) {
        return ProducerSettings.from(CoopwatchConfig.resolve(flags, Map.of(), null));
    }

    @Test
    void defaults() {
        ProducerSettings s = from(Map.of());
        assertThat(s.feeds()).isEmpty();
        assertThat(s.hasFeeds()).isFalse();
        assertThat(s.watchFolder()).isEmpty();
        assertThat(s.pollInterval()).isEqualTo(FeedReader.DEFAULT_POLL_INTERVAL);
        assertThat(s.rate()).isZero();
        assertThat(s.feedState()).isEqualTo(Path.of("coopwatch-data", "feeds"));
        assertThat(s.watchState()).isEqualTo(Path.of("coopwatch-data", "watch"));
    }

    @Test
    void ratesInTheirUsualSpellings() {
        assertThat(ProducerSettings.rate("r", "50")).isEqualTo(50.0);
        assertThat(ProducerSettings.rate("r", "50/s")).isEqualTo(50.0);
        assertThat(ProducerSettings.rate("r", " 2.5 / s ")).isEqualTo(2.5);
        assertThat(ProducerSettings.rate("r", "300/min")).isEqualTo(5.0);
        assertThat(ProducerSettings.rate("r", "120/m")).isEqualTo(2.0);
        assertThat(ProducerSettings.rate("r", "7200/h")).isEqualTo(2.0);
        assertThat(ProducerSettings.rate("r", "0")).isZero();
        assertThatThrownBy(() -> ProducerSettings.rate("--rate", "fast"))
                .isInstanceOf(CliException.class).hasMessageStartingWith("--rate must be articles per second");
        assertThatThrownBy(() -> ProducerSettings.rate("--rate", "-5")).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> ProducerSettings.rate("--rate", "5/day")).isInstanceOf(CliException.class);
    }

    @Test
    void feedsMustBeHttpUrls() {
        assertThat(from(Map.of("producer.feeds", "https://example.org/a.rss https://example.org/b.rss")).feeds())
                .hasSize(2);
        assertThatThrownBy(() -> from(Map.of("producer.feeds", "example.org/a.rss")))
                .isInstanceOf(CliException.class)
                .hasMessage("producer.feeds (--feed): not an http(s) feed URL: 'example.org/a.rss'");
    }

    @Test
    void pollIntervalMustBePositive() {
        assertThat(from(Map.of("producer.poll.interval", "90s")).pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> from(Map.of("producer.poll.interval", "0")))
                .isInstanceOf(CliException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> from(Map.of("producer.poll.interval", "often")))
                .hasMessageStartingWith("producer.poll.interval (--poll-interval) must be a duration");
    }
}
