package org.coopwatch.producer.source;

import java.time.Clock;
import java.util.Objects;

/**
 * How inputs are read.
 *
 * @param maxTextBytes the largest article text accepted, in UTF-8 bytes; larger ones are skipped with a
 *                     message naming the file. Keep it well below the producer's {@code max.request.size}
 *                     and the broker's {@code message.max.bytes}.
 * @param clock        gives each article its {@code ingested} time
 */
public record ReadOptions(long maxTextBytes, Clock clock) {

    /** 2 MiB: a very long article is ~100 KB, so this only stops mistakes (a whole dump in one file). */
    public static final long DEFAULT_MAX_TEXT_BYTES = 2L << 20;
    /** Upper bound for the limit itself: one article must fit in one Kafka record. */
    public static final long MAX_TEXT_BYTES_CEILING = 64L << 20;

    public ReadOptions {
        Objects.requireNonNull(clock, "clock");
        if (maxTextBytes < 1 || maxTextBytes > MAX_TEXT_BYTES_CEILING) {
            throw new IllegalArgumentException("the text size limit must be between 1 byte and "
                    + Sizes.human(MAX_TEXT_BYTES_CEILING) + ", not " + maxTextBytes);
        }
    }

    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_MAX_TEXT_BYTES, Clock.systemUTC());
    }

    public ReadOptions withMaxTextBytes(long bytes) {
        return new ReadOptions(bytes, clock);
    }

    public ReadOptions withClock(Clock c) {
        return new ReadOptions(maxTextBytes, c);
    }

    /** A .txt file may be UTF-16 (2 bytes a char where UTF-8 may need 1), so its raw limit is twice the text's. */
    long maxTextFileBytes() {
        return 2 * maxTextBytes + 4;
    }

    /** Markup, scripts and styles often outweigh the text of a page many times over. */
    long maxHtmlFileBytes() {
        return Math.max(8 * maxTextBytes, 16L << 20);
    }

    /** One JSON Lines record: text escaped as \\uXXXX takes up to 6 bytes where UTF-8 takes 3, plus fields. */
    long maxJsonLineBytes() {
        return 2 * maxTextBytes + (1L << 20);
    }
}
