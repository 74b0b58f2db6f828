package org.coopwatch.web.live;

/**
 * Server-sent events framing (WHATWG HTML, "server-sent events"): fields {@code id}, {@code event},
 * one {@code data} line per line of the payload, and a blank line to dispatch. Comments start with ':'.
 */
public final class SseFrames {

    private SseFrames() {}

    /** @param id null for no id (the client keeps its last one) */
    public static String frame(String id, String event, String data) {
        if (hasLineBreak(event) || hasLineBreak(id)) {
            throw new IllegalArgumentException("an SSE event name or id cannot contain a line break");
        }
        StringBuilder sb = new StringBuilder(data.length() + 48);
        if (id != null) sb.append("id: ").append(id).append('\n');
        if (event != null) sb.append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }

    private static boolean hasLineBreak(String s) {
        return s != null && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0);
    }

    /** A comment line: ignored by clients, keeps the connection (and proxies) awake. */
    public static String comment(String text) {
        return ": " + text.replaceAll("[\r\n]", " ") + "\n\n";
    }

    /** How long the client waits before reconnecting after the stream drops. */
    public static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }
}
