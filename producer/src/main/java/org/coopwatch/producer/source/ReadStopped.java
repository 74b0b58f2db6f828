package org.coopwatch.producer.source;

/**
 * Thrown by a {@link ReadSink} to stop reading (the user pressed Ctrl-C); {@link FileSource} lets it
 * through instead of reporting the file as unreadable.
 */
public final class ReadStopped extends RuntimeException {

    private final String at;

    /** @param at the origin ({@code file} or {@code file:line}) of the first article not taken */
    public ReadStopped(String at) {
        super("stopped at " + at, null, false, false);
        this.at = at;
    }

    public String at() {
        return at;
    }
}
