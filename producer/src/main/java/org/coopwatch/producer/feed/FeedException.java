package org.coopwatch.producer.feed;

/** A feed that cannot be fetched or read; the message says why, for a person, without the feed's URL. */
public class FeedException extends Exception {

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
