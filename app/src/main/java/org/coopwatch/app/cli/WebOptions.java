package org.coopwatch.app.cli;

import java.util.Map;

import org.coopwatch.app.pipeline.WebSettings;
import picocli.CommandLine.Option;

/** The web server's flags, shared by the commands that can serve it. */
public final class WebOptions {

    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Port of the live view, query API and /metrics (setting web.port, default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--no-web", description = "Do not start the web server.")
    boolean disabled;

    void addTo(Map<String, String> flags) {
        if (port != null) {
            flags.put(WebSettings.PORT, String.valueOf(port));
        }
    }
}
