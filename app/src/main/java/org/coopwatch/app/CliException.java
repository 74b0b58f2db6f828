package org.coopwatch.app;

/**
 * A failure the user can act on (unreachable broker, missing file...). Main prints its message on one
 * line, without a stack trace, and exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
