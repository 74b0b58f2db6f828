package org.coopwatch.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Publication dates as sources write them. ISO-8601 first (with or without offset; none means UTC), then
 * the unambiguous forms seen in news archives and pages: RFC 1123 ("Tue, 3 Jun 2008 11:05:30 GMT"),
 * "+0300" offsets without a colon, "26-FEB-1987 16:23:47.79", "Jan 01, 2020", "1 March 2024",
 * "2024/03/05", "05.03.2024" (day first, as dots are written). Slashed day/month orders are ambiguous
 * and not guessed. Anything else is null: the caller says so and leaves the field empty.
 */
public final class Dates {

    private static final DateTimeFormatter ISO_OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter DAY_MON_YEAR_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("d-MMM-yyyy HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);
    private static final List<DateTimeFormatter> DATES = List.of(
            english("MMM d, yyyy"), english("MMMM d, yyyy"), english("d MMM yyyy"), english("d MMMM yyyy"),
            english("d-MMM-yyyy"), english("yyyy/MM/dd"), english("dd.MM.yyyy"));

    private static final List<Function<String, Instant>> PARSERS = List.of(
            s -> OffsetDateTime.parse(s).toInstant(),
            Instant::parse,
            s -> ZonedDateTime.parse(s).toInstant(),
            s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(),
            s -> ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
            s -> OffsetDateTime.parse(s, ISO_OFFSET_NO_COLON).toInstant(),
            // "2024-03-05 10:00:00" and "2024-03-05 10:00:00+05:30": a space where ISO wants a T
            s -> OffsetDateTime.parse(s.replaceFirst(" ", "T")).toInstant(),
            s -> LocalDateTime.parse(s.replaceFirst(" ", "T")).toInstant(ZoneOffset.UTC),
            s -> LocalDateTime.parse(s, DAY_MON_YEAR_TIME).toInstant(ZoneOffset.UTC));

    private Dates() {}

    public static Instant parse(String value) {
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
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private static DateTimeFormatter english(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }
}
