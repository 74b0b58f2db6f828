package org.coopwatch.app.pipeline;

import org.coopwatch.app.CliException;
import org.coopwatch.app.config.CoopwatchConfig;
import org.coopwatch.web.WebServer;
import org.coopwatch.web.WebServerException;

/** The web server (live view, query API, /metrics) from coopwatch's configuration (keys {@code web.*}). */
public final class WebSettings {

    public static final String HOST = "web.host";
    public static final String PORT = "web.port";
    public static final String ADVERTISED_HOST = "web.advertised.host";
    /** Access token for the API, the live stream and /metrics; needed when serving beyond this machine. */
    public static final String TOKEN = "web.token";

    private WebSettings() {
    }

    /** Builds and starts the server; a busy port or bad host is a one-line error. */
    public static WebServer start(CoopwatchConfig config) {
        try {
            WebServer.Builder b = WebServer.builder()
                    .host(config.get(HOST).orElse(WebServer.DEFAULT_HOST))
                    .port(port(config))
                    .kafka(config.bootstrapServersOrDefault(), config.kafkaProperties())
                    .topics(config.topicNames());
            config.get(ADVERTISED_HOST).ifPresent(b::advertisedHost);
            config.get(TOKEN).filter(t -> !t.isBlank()).ifPresent(b::token);
            return b.build().start();
        } catch (WebServerException | IllegalArgumentException e) {
            throw new CliException("web server: " + e.getMessage(), e);
        }
    }

    static int port(CoopwatchConfig config) {
        String v = config.get(PORT).orElse(String.valueOf(WebServer.DEFAULT_PORT));
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new CliException(PORT + " must be a port number 0-65535, got '" + v + "'");
    }
}
