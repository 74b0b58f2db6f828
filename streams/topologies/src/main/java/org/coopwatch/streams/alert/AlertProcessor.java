package org.coopwatch.streams.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.streams.event.CooperationEvents;

/**
 * Evaluates every rule on every event, in event time ({@code CooperationEvent.eventTime}), so a replay
 * of the same events fires the same alerts with the same ids. Keyed by pair like its input, so all state
 * of a pair is local to its partition's task:
 * <ul>
 *   <li>suppression store, rule|pair|type (match), rule|pair|sector (first-seen), rule|pair (spike):
 *       {@link Suppression}, when the key last fired and how many were held back since;</li>
 *   <li>first-seen store, rule|pair|sector: {@link Sightings}; and under rule|{@value #WATCH_KEY} the
 *       event time of the first event the rule saw on this partition (matching or not), the start of its
 *       watch: a first-seen or spike rule added to a running stage waits like one on a new stage, rather
 *       than finding everything new;</li>
 *   <li>spike store, rule|pair: {@link SpikeCounts}.</li>
 * </ul>
 */
final class AlertProcessor implements FixedKeyProcessor<String, CooperationEvent, Alert> {

    /** After "rule|" in the first-seen store, the key of the rule's watch start (no pair looks like it). */
    static final String WATCH_KEY = "*";
    static final int MAX_SPIKE_ARTICLES = 20;

    private final List<AlertRule> rules;
    private final Duration defaultSuppression;
    private final AlertStores stores;
    private FixedKeyProcessorContext<String, Alert> context;
    private KeyValueStore<String, Suppression> suppression;
    private KeyValueStore<String, Sightings> firstSeen;
    private KeyValueStore<String, SpikeCounts> spikes;
    /** Watch start per rule name, as read from or written to the first-seen store. */
    private final Map<String, Long> watchStarts = new HashMap<>();

    AlertProcessor(List<AlertRule> rules, Duration defaultSuppression, AlertStores stores) {
        this.rules = rules;
        this.defaultSuppression = defaultSuppression;
        this.stores = stores;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
        this.suppression = context.getStateStore(stores.suppression());
        this.firstSeen = context.getStateStore(stores.firstSeen());
        this.spikes = context.getStateStore(stores.spike());
        watchStarts.clear();
    }

    @Override
    public void process(FixedKeyRecord<String, CooperationEvent> record) {
        CooperationEvent event = record.value();
        if (event == null) return;
        long t = event.getEventTime().toEpochMilli();
        for (AlertRule rule : rules) {
            Trigger trigger = rule.trigger();
            if (!(trigger instanceof Trigger.Match) && !watchStarts.containsKey(rule.name())) watchStart(rule.name(), t);
            if (!rule.matches(event)) continue;
            Alert alert;
            if (trigger instanceof Trigger.FirstSeen f) {
                alert = firstSeen(rule, f, event, t);
            } else if (trigger instanceof Trigger.Spike s) {
                alert = spike(rule, s, event, t);
            } else {
                alert = match(rule, event, t);
            }
            if (alert == null) continue;
            // the record timestamp is the raw article's, carried through every stage: when it entered the pipeline
            alert.setIngested(Instant.ofEpochMilli(record.timestamp()));
            context.forward(record.withValue(alert));
        }
    }

    /** Reads the rule's watch start, or starts it at {@code t}. */
    private void watchStart(String rule, long t) {
        String key = rule + "|" + WATCH_KEY;
        Sightings stored = firstSeen.get(key);
        if (stored == null || stored.times().isEmpty()) {
            stored = new Sightings(List.of(t));
            firstSeen.put(key, stored);
        }
        watchStarts.put(rule, stored.times().get(0));
    }

    private Alert match(AlertRule rule, CooperationEvent e, long t) {
        String key = rule.name() + "|" + e.getPair() + "|" + e.getType();
        long held = admit(rule, key, t);
        if (held < 0) return null;
        return AlertRecords.match(rule, e, held, now());
    }

    private Alert firstSeen(AlertRule rule, Trigger.FirstSeen f, CooperationEvent e, long t) {
        long quiet = f.quiet().toMillis();
        boolean watched = t - watchStarts.get(rule.name()) >= quiet;
        List<String> fresh = new ArrayList<>();
        Map<String, Long> daysSince = new LinkedHashMap<>();
        long held = 0;
        for (String sector : e.getSectors().stream().distinct().toList()) {
            if (!rule.sectors().isEmpty() && !rule.sectors().contains(sector)) continue;
            String key = rule.name() + "|" + e.getPair() + "|" + sector;
            Sightings seen = firstSeen.get(key);
            if (seen == null) seen = Sightings.none();
            boolean isNew = watched && seen.quietAround(t, quiet);
            OptionalLong last = seen.lastBefore(t);
            firstSeen.put(key, seen.add(t, quiet));
            if (!isNew) continue;
            long h = admit(rule, key, t);
            if (h < 0) continue;
            held += h;
            fresh.add(sector);
            if (last.isPresent()) daysSince.put(sector, Duration.ofMillis(t - last.getAsLong()).toDays());
        }
        if (fresh.isEmpty()) return null;
        return AlertRecords.firstSeen(rule, f, e, fresh, daysSince, held, now());
    }

    private Alert spike(AlertRule rule, Trigger.Spike s, CooperationEvent e, long t) {
        String key = rule.name() + "|" + e.getPair();
        long baseline = s.baseline().toMillis();
        SpikeCounts counts = spikes.get(key);
        if (counts == null) counts = SpikeCounts.none();
        // too far behind to count, or counted already (the same article sent again, a copy of the same story)
        String story = CooperationEvents.storyKey(e) + "|" + e.getType();
        if (counts.tooOld(t, baseline) || counts.seen(story)) return null;
        counts = counts.add(t, story, e.getArticleId(), baseline);
        spikes.put(key, counts);
        // a late event updates the counts but only an event of the last hour can say "now"
        if (t <= counts.newest() - SpikeCounts.HOUR_MS) return null;
        if (t - watchStarts.get(rule.name()) < baseline + SpikeCounts.HOUR_MS) return null;
        long windowStart = SpikeCounts.windowStart(t);
        long inWindow = counts.count(windowStart, SpikeCounts.bucket(t));
        long inBaseline = counts.count(windowStart - baseline, windowStart - SpikeCounts.BUCKET_MS);
        double mean = (double) inBaseline / s.baselineHours();
        if (inWindow < s.minEvents() || inWindow <= s.factor() * mean) return null;
        long held = admit(rule, key, t);
        if (held < 0) return null;
        return AlertRecords.spike(rule, s, e, inWindow, inBaseline, counts.articlesInWindow(t, MAX_SPIKE_ARTICLES),
                SpikeCounts.bucket(t), held, now());
    }

    /** Fires the suppression key at {@code t} and returns how many were held before, or -1 when held now. */
    private long admit(AlertRule rule, String key, long t) {
        long window = rule.suppressionOr(defaultSuppression).toMillis();
        Suppression s = suppression.get(key);
        if (s == null) s = Suppression.none();
        if (!s.allows(t, window)) {
            suppression.put(key, s.hold());
            return -1;
        }
        suppression.put(key, s.fire(t));
        return s.held();
    }

    private long now() {
        return context.currentSystemTimeMs();
    }
}
