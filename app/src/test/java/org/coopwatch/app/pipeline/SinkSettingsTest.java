package org.coopwatch.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.sink.webhook.Webhook;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    private static CoopwatchConfig config(Map<String, String> env) {
        return CoopwatchConfig.resolve(Map.of(), env, null);
    }

    @Test
    void noWebhooksByDefault() {
        assertThat(SinkSettings.from(CoopwatchConfig.defaults()).webhooks()).isEmpty();
    }

    @Test
    void webhooksFromTheEnvironmentCommaSeparated() {
        var hooks = SinkSettings.webhooks(config(Map.of(
                "COOPWATCH_SINK_WEBHOOKS", "https://a.example.org/x/TOKEN1, http://127.0.0.1:8081/hook?a=1,2",
                "COOPWATCH_SINK_WEBHOOK_HEADERS", "Authorization: Bearer abc,def, X-Source: coopwatch",
                "COOPWATCH_SINK_WEBHOOK_MIN_SEVERITY", "CRITICAL")));
        // the comma inside the second URL's query and inside the header value are kept
        assertThat(hooks).extracting(w -> w.url().toString())
                .containsExactly("https://a.example.org/x/TOKEN1", "http://127.0.0.1:8081/hook?a=1,2");
        assertThat(hooks).allSatisfy(w -> {
            assertThat(w.headers()).containsOnly(Map.entry("Authorization", "Bearer abc,def"), Map.entry("X-Source", "coopwatch"));
            assertThat(w.minSeverity()).isEqualTo("critical");
        });
    }

    @Test
    void aHeaderWithoutColonIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SinkSettings.webhooks(config(Map.of(
                "COOPWATCH_SINK_WEBHOOKS", "https://a.example.org/x",
                "COOPWATCH_SINK_WEBHOOK_HEADERS", "Bearer supersecret"))))
                .isInstanceOf(CliException.class)
                .hasMessage("sink.webhook.headers (--webhook-header) must be 'Name: value', got an entry without ':'")
                .hasMessageNotContaining("supersecret");
    }

    @Test
    void headersOrSeverityWithoutAWebhookAreAMistake() {
        assertThatThrownBy(() -> SinkSettings.webhooks(config(Map.of("COOPWATCH_SINK_WEBHOOK_MIN_SEVERITY", "warning"))))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("sink.webhook.min.severity is set, but there is no webhook");
    }

    @Test
    void badUrlsAndSeveritiesAreNamedWithTheUrlMasked() {
        assertThatThrownBy(() -> SinkSettings.webhooks(config(Map.of("COOPWATCH_SINK_WEBHOOKS", "ftp://files.example.org/in/SECRET"))))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("must start with http:// or https://")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> SinkSettings.webhooks(config(Map.of("COOPWATCH_SINK_WEBHOOKS", "https://a.example.org/x",
                "COOPWATCH_SINK_WEBHOOK_MIN_SEVERITY", "urgent"))))
                .hasMessageContaining("info, warning or critical");
    }

    @Test
    void theSinkConfigCarriesThemMasked() {
        var sink = SinkSettings.from(config(Map.of("COOPWATCH_SINK_WEBHOOKS", "https://a.example.org/services/T/B/XYZ")));
        assertThat(sink.webhooks()).extracting(Webhook::maskedUrl).containsExactly("https://a.example.org/services/***");
        assertThat(sink.toString()).doesNotContain("XYZ");
    }
}
