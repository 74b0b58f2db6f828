package org.coopwatch.producer;

/**
 * Publishing cannot start or go on at all: Kafka unreachable, topic missing, settings that would break
 * the delivery guarantees. The message is meant for the person at the terminal, as is.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
