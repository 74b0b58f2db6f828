package org.coopwatch.streams.alert;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a rules file: {@code 45m}, {@code 1h}, {@code 1h30m}, {@code 2d}, {@code 0}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*([smhd])");
    private static final Pattern WHOLE = Pattern.compile("(\\d+\\s*[smhd]\\s*)+");

    private Durations() {}

    /** @throws IllegalArgumentException with a message saying what is expected */
    static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0")) return Duration.ZERO;
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration (e.g. 30m, 1h, 2d)");
            }
        }
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (e.g. 30m, 1h, 1h30m, 2d; 0 for none)");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(s);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return d;
    }

    /** The way {@link #parse} reads it back: 1h30m, 2d, 0. */
    static String format(Duration d) {
        if (d.isZero()) return "0";
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        if (days > 0) sb.append(days).append('d');
        if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
        return sb.toString();
    }
}
