package org.coopwatch.streams.alert;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.streams.event.CooperationEvents;

/**
 * A rule that fires on single events. Every criterion left empty (or null) matches anything; the rest
 * must all hold: the event involves one of {@code countries}, is between exactly {@code pair}, has one of
 * {@code types}, one of {@code sectors}, at least {@code minConfidence}, and one of {@code modalities}
 * (by default asserted or reported: "did not sign" or "may impose" is not an event to wake anyone for).
 *
 * <p>Rate rules (spikes, first-seen pairs) will reuse {@link #matches} as their event filter and keep
 * their own state; the rule name is part of alert ids and suppression keys, so it may not contain '|'.
 */
public record AlertRule(
        String name,
        Set<String> countries,
        String pair,
        Set<String> types,
        Set<String> sectors,
        double minConfidence,
        String severity,
        Set<String> modalities) {

    public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    public static final Set<String> FACTUAL = CooperationEvents.FACTUAL;

    public AlertRule {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("alert rule name must be letters, digits, '.', '_' or '-': '" + name + "'");
        }
        String where = "alert rule '" + name + "': ";
        countries = normalise(countries, where, "country", c -> {
            String u = c.trim().toUpperCase(Locale.ROOT);
            if (!u.matches("[A-Z]{3}")) throw new IllegalArgumentException(where + "'" + c + "' is not an ISO 3166-1 alpha-3 code");
            return u;
        });
        if (pair != null && !pair.isBlank()) {
            String[] p = pair.trim().toUpperCase(Locale.ROOT).split("-");
            if (p.length != 2 || !p[0].matches("[A-Z]{3}") || !p[1].matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(where + "pair '" + pair + "' is not two ISO3 codes joined by '-', e.g. IND-RUS");
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
    }

    /** A rule on asserted or reported events only. */
    public AlertRule(String name, Set<String> countries, String pair, Set<String> types, Set<String> sectors,
                     double minConfidence, String severity) {
        this(name, countries, pair, types, sectors, minConfidence, severity, FACTUAL);
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

    private static Set<String> normalise(Set<String> in, String where, String what,
                                         java.util.function.UnaryOperator<String> f) {
        if (in == null || in.isEmpty()) return Set.of();
        Set<String> out = new TreeSet<>();
        for (String s : in) {
            if (s == null || s.isBlank()) throw new IllegalArgumentException(where + "empty " + what);
            out.add(f.apply(s));
        }
        return Set.copyOf(out);
    }
}
