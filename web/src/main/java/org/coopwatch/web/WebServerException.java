package org.coopwatch.web;

/** The web server cannot start (address in use, unknown host...); the message says what to change. */
public class WebServerException extends RuntimeException {
    public WebServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
