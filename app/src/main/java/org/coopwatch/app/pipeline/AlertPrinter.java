package org.coopwatch.app.pipeline;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.coopwatch.avro.Alert;
import org.coopwatch.sink.SinkListener;

/** Prints each stored alert on the console as it arrives: its event time and its one-line message. */
public final class AlertPrinter implements SinkListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;

    public AlertPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlert(Alert alert) {
        out.println(format(alert));
        out.flush();
    }

    /** The alert's own one-line message (severity, rule, pair, type, sectors, evidence), with the time. */
    static String format(Alert a) {
        return "ALERT " + TIME.format(a.getEventTime()) + " " + a.getMessage();
    }
}
