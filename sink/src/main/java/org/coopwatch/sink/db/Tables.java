package org.coopwatch.sink.db;

import static org.coopwatch.sink.db.ColumnType.BOOL;
import static org.coopwatch.sink.db.ColumnType.DOUBLE;
import static org.coopwatch.sink.db.ColumnType.INT;
import static org.coopwatch.sink.db.ColumnType.JSON;
import static org.coopwatch.sink.db.ColumnType.LONG;
import static org.coopwatch.sink.db.ColumnType.TEXT;
import static org.coopwatch.sink.db.ColumnType.TIME;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.coopwatch.sink.db.Table.Column;

/** The three tables of the latest schema version and the mapping of each Avro record to a row. */
final class Tables {

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private Tables() {}

    static final Table<CooperationEvent> EVENTS = new Table<>("events", List.of(
            new Column("event_id", TEXT), new Column("article_id", TEXT), new Column("pair", TEXT),
            new Column("source", TEXT), new Column("target", TEXT), new Column("type", TEXT),
            new Column("cameo", TEXT), new Column("cooperative", BOOL), new Column("sectors", JSON),
            new Column("confidence", DOUBLE), new Column("modality", TEXT),
            new Column("evidence_text", TEXT), new Column("evidence_start", INT), new Column("evidence_end", INT),
            new Column("language", TEXT), new Column("title", TEXT), new Column("url", TEXT),
            new Column("published", TIME), new Column("event_time", TIME), new Column("story_id", TEXT)),
            CooperationEvent::getEventId,
            e -> new Object[] {
                e.getEventId(), e.getArticleId(), e.getPair(), e.getSource(), e.getTarget(), e.getType(),
                e.getCameo(), e.getCooperative(), json(e.getSectors()), e.getConfidence(), e.getModality(),
                e.getEvidence().getText(), e.getEvidence().getStart(), e.getEvidence().getEnd(),
                e.getLanguage(), e.getTitle(), e.getUrl(), e.getPublished(), e.getEventTime(), e.getStoryId()});

    static final Table<Alert> ALERTS = new Table<>("alerts", List.of(
            new Column("alert_id", TEXT), new Column("rule", TEXT), new Column("severity", TEXT),
            new Column("pair", TEXT), new Column("source", TEXT), new Column("target", TEXT),
            new Column("type", TEXT), new Column("sectors", JSON), new Column("confidence", DOUBLE),
            new Column("message", TEXT), new Column("evidence_text", TEXT), new Column("evidence_start", INT),
            new Column("evidence_end", INT), new Column("article_ids", JSON), new Column("counts", JSON),
            new Column("event_time", TIME), new Column("created", TIME)),
            Alert::getAlertId,
            a -> new Object[] {
                a.getAlertId(), a.getRule(), a.getSeverity(), a.getPair(), a.getSource(), a.getTarget(),
                a.getType(), json(a.getSectors()), a.getConfidence(), a.getMessage(),
                a.getEvidence().getText(), a.getEvidence().getStart(), a.getEvidence().getEnd(),
                json(a.getArticleIds()), json(new TreeMap<>(a.getCounts())), a.getEventTime(), a.getCreated()});

    static final Table<Aggregate> AGGREGATES = new Table<>("aggregates", List.of(
            new Column("aggregate_id", TEXT), new Column("granularity", TEXT), new Column("pair", TEXT),
            new Column("type", TEXT), new Column("sector", TEXT), new Column("window_start", TIME),
            new Column("window_end", TIME), new Column("count", LONG), new Column("articles", LONG),
            new Column("balance", DOUBLE), new Column("article_ids", JSON)),
            Aggregate::getAggregateId,
            g -> new Object[] {
                g.getAggregateId(), g.getGranularity(), g.getPair(), g.getType(), g.getSector(),
                g.getWindowStart(), g.getWindowEnd(), g.getCount(), g.getArticles(), g.getBalance(),
                json(g.getArticleIds())});

    static String json(List<String> values) {
        return write(values == null ? List.of() : values);
    }

    static String json(Map<String, Long> values) {
        return write(values);
    }

    private static String write(Object value) {
        try {
            return JSON_MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value + " as JSON", e);
        }
    }
}
