package org.coopwatch.streams.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/**
 * The alert records of each trigger: a stable id (so the sink upserts a replayed alert onto its row), one
 * readable line, and the counts that made the rule fire.
 */
final class AlertRecords {

    static final int MESSAGE_EVIDENCE_CHARS = 200;

    private AlertRecords() {}

    /** alertId {@code rule|eventId}; counts: matching events since the previous alert, of which held back. */
    static Alert match(AlertRule rule, CooperationEvent e, long held, long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", held + 1);
        counts.put("suppressed", held);
        StringBuilder sb = head(rule).append(describe(e));
        if (held > 0) sb.append(", ").append(held).append(" similar since last alert");
        return base(rule, e, rule.name() + "|" + e.getEventId(), withEvidence(sb, e), List.of(e.getArticleId()), counts, now);
    }

    /**
     * alertId {@code rule|eventId}; counts: the quiet period in hours, how many sectors are new, days since
     * each new sector was last seen (when it was), and how many first-seen alerts of these keys were held back.
     */
    static Alert firstSeen(AlertRule rule, Trigger.FirstSeen f, CooperationEvent e, List<String> fresh,
                           Map<String, Long> daysSince, long held, long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("quietHours", f.quiet().toHours());
        counts.put("newSectors", (long) fresh.size());
        daysSince.forEach((sector, days) -> counts.put("daysSinceLast." + sector, days));
        counts.put("suppressed", held);
        StringBuilder sb = head(rule).append(e.getPair()).append(" first ").append(String.join(", ", fresh))
                .append(" event in ").append(span(f.quiet()));
        if (!daysSince.isEmpty()) {
            sb.append(" (last seen ");
            int i = 0;
            for (Map.Entry<String, Long> d : daysSince.entrySet()) {
                if (i++ > 0) sb.append(", ");
                if (daysSince.size() > 1) sb.append(d.getKey()).append(' ');
                sb.append(d.getValue()).append(d.getValue() == 1 ? " day ago" : " days ago");
            }
            sb.append(')');
        }
        sb.append(": ").append(describe(e));
        return base(rule, e, rule.name() + "|" + e.getEventId(), withEvidence(sb, e), List.of(e.getArticleId()), counts, now);
    }

    /**
     * alertId {@code rule|pair|bucket} (the 5-minute bucket of the event that tipped it); counts: events in
     * the last hour, events in the baseline, its hours, the floor, alerts of this rule and pair held back.
     */
    static Alert spike(AlertRule rule, Trigger.Spike s, CooperationEvent e, long inWindow, long inBaseline,
                       List<String> articles, long bucket, long held, long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", inWindow);
        counts.put("baselineEvents", inBaseline);
        counts.put("baselineHours", s.baselineHours());
        counts.put("minEvents", s.minEvents());
        counts.put("suppressed", held);
        double mean = (double) inBaseline / s.baselineHours();
        StringBuilder sb = head(rule).append(e.getPair()).append(' ').append(inWindow)
                .append(inWindow == 1 ? " event" : " events").append(" in the last hour, ");
        String hours = s.baselineHours() + " h";
        if (inBaseline == 0) {
            sb.append("none in the ").append(hours).append(" before");
        } else {
            sb.append(String.format(Locale.ROOT, "%.1fx the %s hourly mean of %.1f", inWindow / mean, hours, mean));
        }
        sb.append("; latest: ").append(describe(e));
        String id = rule.name() + "|" + e.getPair() + "|" + Instant.ofEpochMilli(bucket);
        return base(rule, e, id, withEvidence(sb, e), articles, counts, now);
    }

    private static Alert base(AlertRule rule, CooperationEvent e, String id, String message, List<String> articles,
                              Map<String, Long> counts, long now) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setRule(rule.name())
                .setSeverity(rule.severity())
                .setPair(e.getPair())
                .setSource(e.getSource())
                .setTarget(e.getTarget())
                .setType(e.getType())
                .setSectors(e.getSectors())
                .setConfidence(e.getConfidence())
                .setMessage(message)
                .setEvidence(e.getEvidence())
                .setArticleIds(articles)
                .setCounts(counts)
                .setEventTime(e.getEventTime())
                .setCreated(Instant.ofEpochMilli(now))
                .build();
    }

    private static StringBuilder head(AlertRule rule) {
        return new StringBuilder().append('[').append(rule.severity()).append("] ").append(rule.name()).append(": ");
    }

    /** Who did what to whom, about what, how sure. */
    private static String describe(CooperationEvent e) {
        StringBuilder sb = new StringBuilder()
                .append(e.getSource()).append(" -> ").append(e.getTarget()).append(' ').append(e.getType());
        if (!e.getSectors().isEmpty()) sb.append(" (").append(String.join(", ", e.getSectors())).append(')');
        sb.append(String.format(Locale.ROOT, ", confidence %.2f", e.getConfidence()));
        return sb.toString();
    }

    /** The words that show it, cut to one readable line; the title when there is no evidence text. */
    private static String withEvidence(StringBuilder sb, CooperationEvent e) {
        String evidence = e.getEvidence().getText().replaceAll("\\s+", " ").trim();
        if (!evidence.isEmpty()) {
            if (evidence.length() > MESSAGE_EVIDENCE_CHARS) {
                int cut = MESSAGE_EVIDENCE_CHARS;
                if (Character.isHighSurrogate(evidence.charAt(cut - 1))) cut--;
                evidence = evidence.substring(0, cut) + "…";
            }
            sb.append(": \"").append(evidence).append('"');
        } else if (e.getTitle() != null && !e.getTitle().isBlank()) {
            sb.append(": ").append(e.getTitle().replaceAll("\\s+", " ").trim());
        }
        return sb.toString();
    }

    /** "30 days", "1 day", "36 h". */
    static String span(Duration d) {
        if (d.toHours() % 24 == 0) {
            long days = d.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        return d.toHours() + " h";
    }
}
