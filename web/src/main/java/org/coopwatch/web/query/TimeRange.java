package org.coopwatch.web.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.coopwatch.web.http.HttpError;

/**
 * A half-open interval [from, to) of event time in epoch milliseconds; {@code Long.MIN_VALUE} and
 * {@code Long.MAX_VALUE} stand for "unbounded". A window belongs to a range when they overlap.
 */
public record TimeRange(long from, long to) {

    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (from >= to) throw HttpError.badRequest("the time range is empty: 'from' must be before 'to'");
    }

    /**
     * Window starts [first, last] of the windows of the given size that overlap this range, clamped to the
     * epoch (no window starts before it).
     */
    public long firstWindowStart(long size) {
        return from == Long.MIN_VALUE ? 0 : Math.max(0, from - size + 1);
    }

    public long lastWindowStart() {
        return to == Long.MAX_VALUE ? Long.MAX_VALUE : to - 1;
    }

    public String fromText() {
        return from == Long.MIN_VALUE ? null : Instant.ofEpochMilli(from).toString();
    }

    public String toText() {
        return to == Long.MAX_VALUE ? null : Instant.ofEpochMilli(to).toString();
    }

    public static TimeRange of(String from, String to, Clock clock) {
        long f = from == null ? Long.MIN_VALUE : parse("from", from, clock);
        long t = to == null ? Long.MAX_VALUE : parse("to", to, clock);
        return new TimeRange(f, t);
    }

    /**
     * An instant as ISO-8601: {@code 2025-03-01T10:00:00Z}, with an offset ({@code +05:30}), a date
     * ({@code 2025-03-01}, midnight UTC), or a duration back from now ({@code P7D}, {@code PT6H}).
     */
    public static long parse(String name, String text, Clock clock) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
                Duration d = Duration.parse(t.startsWith("-") ? t.substring(1) : t);
                return clock.instant().minus(d.abs()).toEpochMilli();
            }
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (t.endsWith("Z") || t.endsWith("z")) return Instant.parse(t.toUpperCase()).toEpochMilli();
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw HttpError.badRequest(name + " must be ISO-8601: an instant (2025-03-01T10:00:00Z), a date "
                    + "(2025-03-01) or a duration back from now (P7D, PT6H); got '" + text + "'");
        }
    }
}
