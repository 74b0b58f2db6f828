package org.coopwatch.streams.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.streams.event.CooperationEvents;

/**
 * An alert rule: a filter on events and a {@link Trigger} saying when the events it lets through are an
 * alert. Every filter criterion left empty (or null) matches anything; the rest must all hold: the event
 * involves one of {@code countries}, is between exactly {@code pair}, has one of {@code types}, one of
 * {@code sectors}, at least {@code minConfidence}, and one of {@code modalities} (by default asserted or
 * reported: "did not sign" or "may impose" is not an event to wake anyone for).
 *
 * <p>The rule name is part of alert ids and state keys, so it may not contain '|'. {@code suppression}
 * is how long the same alert is held back after it fired; null means the stage's default.
 */
public record AlertRule(
        String name,
        Set<String> countries,
        String pair,
        Set<String> types,
        Set<String> sectors,
        double minConfidence,
        String severity,
        Set<String> modalities,
        Trigger trigger,
        Duration suppression) {

    public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    public static final Set<String> FACTUAL = CooperationEvents.FACTUAL;
    /** ISO 3166-1 alpha-3 codes, as the JDK knows them (the classifier's gazetteer uses the same set). */
    public static final Set<String> ISO3 = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

    public AlertRule {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("alert rule name must be letters, digits, '.', '_' or '-': '" + name + "'");
        }
        String where = "alert rule '" + name + "': ";
        countries = normalise(countries, where, "country", c -> {
            String u = c.trim().toUpperCase(Locale.ROOT);
            if (!ISO3.contains(u)) throw new IllegalArgumentException(where + "'" + c + "' is not an ISO 3166-1 alpha-3 code");
            return u;
        });
        if (pair != null && !pair.isBlank()) {
            String[] p = pair.trim().toUpperCase(Locale.ROOT).split("-");
            if (p.length != 2 || !ISO3.contains(p[0]) || !ISO3.contains(p[1]) || p[0].equals(p[1])) {
                throw new IllegalArgumentException(where + "pair '" + pair
                        + "' is not two different ISO3 codes joined by '-', e.g. IND-RUS");
            }
            pair = ArticleIds.pair(p[0], p[1]);
        } else {
            pair = null;
        }
        types = normalise(types, where, "type", t -> {
            try {
                return PloverType.valueOf(t.trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "'" + t + "' is not a PLOVER type (AGREE, CONSULT, ..., ASSAULT)");
            }
        });
        sectors = normalise(sectors, where, "sector", s -> {
            try {
                return Sector.fromId(s).id();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "'" + s + "' is not a sector (defence, energy, trade, ...)");
            }
        });
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException(where + "minConfidence must be between 0 and 1: " + minConfidence);
        }
        severity = severity == null ? "info" : severity.trim().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException(where + "severity must be info, warning or critical: " + severity);
        }
        modalities = modalities == null || modalities.isEmpty() ? FACTUAL : normalise(modalities, where, "modality", m -> {
            try {
                return Modality.valueOf(m.trim().toUpperCase(Locale.ROOT)).id();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "'" + m + "' is not a modality (asserted, negated, hypothetical, reported)");
            }
        });
        if (trigger == null) trigger = Trigger.MATCH;
        if (suppression != null && suppression.isNegative()) {
            throw new IllegalArgumentException(where + "suppression must be zero or positive: " + suppression);
        }
    }

    /** A match rule on the given modalities, with the stage's default suppression. */
    public AlertRule(String name, Set<String> countries, String pair, Set<String> types, Set<String> sectors,
                     double minConfidence, String severity, Set<String> modalities) {
        this(name, countries, pair, types, sectors, minConfidence, severity, modalities, Trigger.MATCH, null);
    }

    /** A match rule on asserted or reported events, with the stage's default suppression. */
    public AlertRule(String name, Set<String> countries, String pair, Set<String> types, Set<String> sectors,
                     double minConfidence, String severity) {
        this(name, countries, pair, types, sectors, minConfidence, severity, FACTUAL);
    }

    /** This rule's suppression window, or {@code fallback} when it has none of its own. */
    public Duration suppressionOr(Duration fallback) {
        return suppression != null ? suppression : fallback;
    }

    /**
     * One line for logs and a rules check: "conflict (match, warning): types SANCTION, THREATEN; confidence
     * >= 0.5; suppression 1h".
     */
    public String describe(Duration defaultSuppression) {
        StringBuilder sb = new StringBuilder(name).append(" (").append(trigger.kind()).append(", ").append(severity).append(')');
        List<String> parts = new ArrayList<>();
        if (trigger instanceof Trigger.FirstSeen f) parts.add("new sector in " + AlertRecords.span(f.quiet()));
        if (trigger instanceof Trigger.Spike s) {
            parts.add(String.format(Locale.ROOT, "last hour >= %d events and > %sx the %d h hourly mean",
                    s.minEvents(), new java.math.BigDecimal(Double.toString(s.factor())).stripTrailingZeros().toPlainString(),
                    s.baselineHours()));
        }
        if (!countries.isEmpty()) parts.add("countries " + String.join(", ", new TreeSet<>(countries)));
        if (pair != null) parts.add("pair " + pair);
        if (!types.isEmpty()) parts.add("types " + String.join(", ", new TreeSet<>(types)));
        if (!sectors.isEmpty()) parts.add("sectors " + String.join(", ", new TreeSet<>(sectors)));
        if (minConfidence > 0) parts.add("confidence >= " + minConfidence);
        if (!modalities.equals(FACTUAL)) parts.add("modalities " + String.join(", ", new TreeSet<>(modalities)));
        parts.add("suppression " + Durations.format(suppressionOr(defaultSuppression)));
        return sb.append(": ").append(String.join("; ", parts)).toString();
    }

    public boolean matches(CooperationEvent e) {
        if (e.getConfidence() < minConfidence) return false;
        if (!modalities.contains(e.getModality())) return false;
        if (pair != null && !pair.equals(e.getPair())) return false;
        if (!types.isEmpty() && !types.contains(e.getType())) return false;
        if (!countries.isEmpty() && !countries.contains(e.getSource()) && !countries.contains(e.getTarget())) return false;
        if (!sectors.isEmpty() && e.getSectors().stream().noneMatch(sectors::contains)) return false;
        return true;
    }

    private static Set<String> normalise(Set<String> in, String where, String what, UnaryOperator<String> f) {
        if (in == null || in.isEmpty()) return Set.of();
        Set<String> out = new TreeSet<>();
        for (String s : in) {
            if (s == null || s.isBlank()) throw new IllegalArgumentException(where + "empty " + what);
            out.add(f.apply(s));
        }
        return Set.copyOf(out);
    }
}
