package org.coopwatch.streams.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;

/**
 * Evaluates every rule on every event; a match fires an alert unless the same rule fired for the same
 * pair and type within the suppression window of it (in event time, so a replay fires the same alerts as
 * the live run did; see {@link Suppression}). Keyed by pair like its input, so the store is local to
 * the pair's partition.
 */
final class AlertProcessor implements FixedKeyProcessor<String, CooperationEvent, Alert> {

    static final int MESSAGE_EVIDENCE_CHARS = 200;

    private final List<AlertRule> rules;
    private final long windowMs;
    private final String storeName;
    private FixedKeyProcessorContext<String, Alert> context;
    private KeyValueStore<String, Suppression> store;

    AlertProcessor(List<AlertRule> rules, Duration suppression, String storeName) {
        this.rules = rules;
        this.windowMs = suppression.toMillis();
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, CooperationEvent> record) {
        CooperationEvent event = record.value();
        if (event == null) return;
        long eventTime = event.getEventTime().toEpochMilli();
        for (AlertRule rule : rules) {
            if (!rule.matches(event)) continue;
            String key = rule.name() + "|" + event.getPair() + "|" + event.getType();
            Suppression s = store.get(key);
            if (s == null) s = Suppression.none();
            if (s.allows(eventTime, windowMs)) {
                context.forward(record.withValue(alert(rule, event, s.held(), context.currentSystemTimeMs())));
                store.put(key, s.fire(eventTime));
            } else {
                store.put(key, s.hold());
            }
        }
    }

    static Alert alert(AlertRule rule, CooperationEvent e, long suppressed, long now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", suppressed + 1);    // matching events since the previous alert of this rule, pair and type
        counts.put("suppressed", suppressed);    // of which were held back by the suppression window
        return Alert.newBuilder()
                .setAlertId(rule.name() + "|" + e.getEventId())
                .setRule(rule.name())
                .setSeverity(rule.severity())
                .setPair(e.getPair())
                .setSource(e.getSource())
                .setTarget(e.getTarget())
                .setType(e.getType())
                .setSectors(e.getSectors())
                .setConfidence(e.getConfidence())
                .setMessage(message(rule, e, suppressed))
                .setEvidence(e.getEvidence())
                .setArticleIds(List.of(e.getArticleId()))
                .setCounts(counts)
                .setEventTime(e.getEventTime())
                .setCreated(Instant.ofEpochMilli(now))
                .build();
    }

    /** One line for a person: who did what to whom, about what, how sure, and the words that show it. */
    static String message(AlertRule rule, CooperationEvent e, long suppressed) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(rule.severity()).append("] ").append(rule.name()).append(": ")
                .append(e.getSource()).append(" -> ").append(e.getTarget()).append(' ').append(e.getType());
        if (!e.getSectors().isEmpty()) sb.append(" (").append(String.join(", ", e.getSectors())).append(')');
        sb.append(String.format(java.util.Locale.ROOT, ", confidence %.2f", e.getConfidence()));
        if (suppressed > 0) sb.append(", ").append(suppressed).append(" similar since last alert");
        String evidence = e.getEvidence().getText().replaceAll("\\s+", " ").trim();
        if (!evidence.isEmpty()) {
            if (evidence.length() > MESSAGE_EVIDENCE_CHARS) {
                int cut = MESSAGE_EVIDENCE_CHARS;
                if (Character.isHighSurrogate(evidence.charAt(cut - 1))) cut--;
                evidence = evidence.substring(0, cut) + "…";
            }
            sb.append(": \"").append(evidence).append('"');
        } else if (e.getTitle() != null) {
            sb.append(": ").append(e.getTitle());
        }
        return sb.toString();
    }
}
