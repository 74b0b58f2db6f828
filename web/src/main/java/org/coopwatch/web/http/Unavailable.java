package org.coopwatch.web.http;

/**
 * The answer cannot be given right now but can be soon: state stores migrating during a rebalance, an
 * instance that owns part of the data not answering. Sent as 503 with {@code Retry-After}.
 */
public class Unavailable extends HttpError {

    public Unavailable(String message) {
        super(503, message);
    }
}
