package org.coopwatch.producer;

import java.util.Objects;

/**
 * An article Kafka did not acknowledge.
 *
 * @param articleId the record key
 * @param origin    where it was read: {@code file} or {@code file:line}
 * @param reason    what Kafka said, in words that say what to do
 */
public record FailedSend(String articleId, String origin, String reason) {

    public FailedSend {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return origin + ": article " + articleId + " not published: " + reason;
    }
}
