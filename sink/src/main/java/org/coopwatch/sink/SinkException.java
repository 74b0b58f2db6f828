package org.coopwatch.sink;

/** The sink stopped: a failure that retrying would not fix. Offsets of unstored records were not committed. */
public class SinkException extends RuntimeException {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public SinkException(String message) {
        super(message);
    }
}
