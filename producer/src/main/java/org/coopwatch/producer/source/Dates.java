package org.coopwatch.producer.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * Publication dates as pages write them: ISO-8601 with or without offset (no offset means UTC), a bare
 * date, or RFC 1123 ("Tue, 3 Jun 2008 11:05:30 GMT"). Anything else is null: the caller says so.
 */
final class Dates {

    private static final List<Function<String, Instant>> PARSERS = List.of(
            s -> OffsetDateTime.parse(s).toInstant(),
            Instant::parse,
            s -> ZonedDateTime.parse(s).toInstant(),
            s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(),
            s -> ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
            // "2024-03-05 10:00:00" and "2024-03-05 10:00:00+05:30": a space where ISO wants a T
            s -> OffsetDateTime.parse(s.replaceFirst(" ", "T")).toInstant(),
            s -> LocalDateTime.parse(s.replaceFirst(" ", "T")).toInstant(ZoneOffset.UTC));

    private Dates() {}

    static Instant parse(String value) {
        if (value == null) return null;
        String s = value.strip();
        if (s.isEmpty()) return null;
        for (Function<String, Instant> p : PARSERS) {
            try {
                return p.apply(s);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
