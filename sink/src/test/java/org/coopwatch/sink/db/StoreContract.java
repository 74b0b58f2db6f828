package org.coopwatch.sink.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.coopwatch.avro.Aggregate;
import org.coopwatch.avro.Alert;
import org.coopwatch.avro.CooperationEvent;
import org.junit.jupiter.api.Test;

/** Behaviour every dialect must show; subclasses supply the database. Each test uses its own table prefix. */
abstract class StoreContract {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The database URL; tables of different tests are kept apart by {@link #prefix}. */
    abstract String jdbcUrl();

    final String prefix = "t" + SEQ.incrementAndGet() + "_";

    SinkStore open() throws SQLException {
        return SinkStore.open(jdbcUrl(), prefix);
    }

    static long count(SinkStore store, String table) throws SQLException {
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + store.table(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createsTheLatestSchemaOnAnEmptyDatabase() throws SQLException {
        try (SinkStore store = open()) {
            assertThat(store.schemaVersion()).isEqualTo(SinkStore.latestSchemaVersion()).isEqualTo(2);
            assertThat(count(store, "events")).isZero();
            assertThat(count(store, "alerts")).isZero();
            assertThat(count(store, "aggregates")).isZero();
        }
    }

    @Test
    void upsertingTheSameEventTwiceKeepsOneRowWithTheLatestValues() throws SQLException {
        CooperationEvent first = Records.event("a1");
        CooperationEvent second = CooperationEvent.newBuilder(first).setConfidence(0.95).setTitle("Updated title")
                .setSectors(List.of("trade")).build();
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(first), List.of(), List.of()));
            store.write(Batch.of(List.of(second), List.of(), List.of()));
            assertThat(count(store, "events")).isEqualTo(1);
            try (PreparedStatement ps = store.connection().prepareStatement(
                    "SELECT confidence, title, sectors FROM " + store.table("events") + " WHERE event_id = ?")) {
                ps.setString(1, first.getEventId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getDouble("confidence")).isEqualTo(0.95);
                    assertThat(rs.getString("title")).isEqualTo("Updated title");
                    assertThat(jsonList(rs.getString("sectors"))).containsExactly("trade");
                }
            }
        }
    }

    @Test
    void theLastRecordOfAnIdWinsWithinOneBatch() throws SQLException {
        Aggregate early = Records.aggregate("IND-RUS", Records.T0, 1);
        Aggregate later = Records.aggregate("IND-RUS", Records.T0, 3);
        Aggregate other = Records.aggregate("CHN-IND", Records.T0, 2);
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(), List.of(), List.of(early, other, later)));
            assertThat(count(store, "aggregates")).isEqualTo(2);
            try (PreparedStatement ps = store.connection().prepareStatement(
                    "SELECT count, articles, balance, article_ids FROM " + store.table("aggregates")
                            + " WHERE aggregate_id = ?")) {
                ps.setString(1, early.getAggregateId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("count")).isEqualTo(3);
                    assertThat(rs.getLong("articles")).isEqualTo(3);
                    assertThat(rs.getDouble("balance")).isEqualTo(1.5);
                    assertThat(jsonList(rs.getString("article_ids"))).containsExactly("a1", "a2", "a3");
                }
            }
        }
    }

    @Test
    void everyEventFieldIsStored() throws SQLException {
        CooperationEvent e = CooperationEvent.newBuilder(Records.event("a7", "CHN", "IND", "CONSULT", 0.6))
                .setTitle(null).setUrl(null).setPublished(null).setStoryId(null)
                .setEventTime(Instant.parse("2025-08-21T12:34:56.789Z")).setCooperative(false).build();
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(e), List.of(), List.of()));
            try (PreparedStatement ps = store.connection().prepareStatement(
                    "SELECT * FROM " + store.table("events") + " WHERE event_id = ?")) {
                ps.setString(1, e.getEventId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("article_id")).isEqualTo("a7");
                    assertThat(rs.getString("pair")).isEqualTo("CHN-IND");
                    assertThat(rs.getString("source")).isEqualTo("CHN");
                    assertThat(rs.getString("target")).isEqualTo("IND");
                    assertThat(rs.getString("type")).isEqualTo("CONSULT");
                    assertThat(rs.getString("cameo")).isEqualTo("057");
                    assertThat(rs.getBoolean("cooperative")).isFalse();
                    assertThat(jsonList(rs.getString("sectors"))).containsExactly("energy", "defence");
                    assertThat(rs.getDouble("confidence")).isEqualTo(0.6);
                    assertThat(rs.getString("modality")).isEqualTo("asserted");
                    assertThat(rs.getString("evidence_text")).isEqualTo(e.getEvidence().getText());
                    assertThat(rs.getInt("evidence_start")).isEqualTo(10);
                    assertThat(rs.getInt("evidence_end")).isEqualTo(55);
                    assertThat(rs.getString("language")).isEqualTo("en");
                    assertThat(rs.getString("title")).isNull();
                    assertThat(rs.getString("url")).isNull();
                    assertThat(store.dialect().readTime(rs, "published")).isNull();
                    assertThat(store.dialect().readTime(rs, "event_time")).isEqualTo(Instant.parse("2025-08-21T12:34:56.789Z"));
                    assertThat(rs.getString("story_id")).isNull();
                    assertThat(store.dialect().readTime(rs, "updated_at")).isAfter(Records.T0);
                }
            }
        }
    }

    @Test
    void alertsAreUpsertedWithTheirJsonColumns() throws Exception {
        Alert a = Records.alert("a1|IND|RUS|AGREE", 2);
        Alert again = Alert.newBuilder(a).setCounts(Map.of("events", 5L, "articles", 4L)).build();
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(), List.of(a), List.of()));
            store.write(Batch.of(List.of(), List.of(again), List.of()));
            assertThat(count(store, "alerts")).isEqualTo(1);
            try (PreparedStatement ps = store.connection().prepareStatement(
                    "SELECT * FROM " + store.table("alerts") + " WHERE alert_id = ?")) {
                ps.setString(1, a.getAlertId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("rule")).isEqualTo("new-agreement");
                    assertThat(rs.getString("severity")).isEqualTo("warning");
                    assertThat(rs.getString("message")).isEqualTo("IND and RUS: new agreement (energy)");
                    assertThat(jsonList(rs.getString("article_ids"))).containsExactly("a1", "a2");
                    assertThat(JSON.readValue(rs.getString("counts"), Map.class))
                            .containsEntry("events", 5).containsEntry("articles", 4);
                    assertThat(store.dialect().readTime(rs, "created")).isEqualTo(Records.T0.plusSeconds(5));
                }
            }
        }
    }

    @Test
    void timestampsSortChronologically() throws SQLException {
        // on SQLite timestamps are text: a fixed-width format is what makes ORDER BY right
        Instant[] times = {Instant.parse("2025-08-20T10:00:00.500Z"), Instant.parse("2025-08-20T10:00:00Z"),
            Instant.parse("2025-08-20T09:59:59.999Z"), Instant.parse("2025-08-20T10:00:00.050Z")};
        List<CooperationEvent> events = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            events.add(CooperationEvent.newBuilder(Records.event("s" + i)).setEventTime(times[i]).build());
        }
        try (SinkStore store = open()) {
            store.write(Batch.of(events, List.of(), List.of()));
            List<String> order = new ArrayList<>();
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT article_id FROM " + store.table("events")
                         + " WHERE pair = 'IND-RUS' ORDER BY event_time")) {
                while (rs.next()) order.add(rs.getString(1));
            }
            assertThat(order).containsExactly("s2", "s1", "s3", "s0");
        }
    }

    @Test
    void migratesAVersionOneDatabaseAndKeepsItsRows() throws SQLException {
        try (SinkStore v1 = SinkStore.open(jdbcUrl(), prefix, null, 1)) {
            assertThat(v1.schemaVersion()).isEqualTo(1);
            insertVersionOneRows(v1);
        }
        try (SinkStore store = open()) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            assertThat(count(store, "events")).isEqualTo(1);
            assertThat(count(store, "aggregates")).isEqualTo(1);
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT title, story_id FROM " + store.table("events"))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("title")).isEqualTo("written by version 1");
                assertThat(rs.getString("story_id")).isNull();
            }
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT count, article_ids FROM " + store.table("aggregates"))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("count")).isEqualTo(7);
                assertThat(jsonList(rs.getString("article_ids"))).isEmpty();
            }
            assertThat(indexes(store)).contains(prefix + "events_pair_time", prefix + "alerts_pair_time",
                    prefix + "aggregates_pair_window", prefix + "events_story");

            // the version 2 columns are written on the next upsert of the same id
            store.write(Batch.of(List.of(Records.event("old")), List.of(), List.of()));
            assertThat(count(store, "events")).isEqualTo(1);
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT title, story_id FROM " + store.table("events"))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("story_id")).isEqualTo("story-old");
            }
            assertThat(appliedVersions(store)).containsExactly(1, 2);
        }
    }

    /** Rows as a version-1 sink wrote them: no story_id, no aggregate article_ids. */
    private void insertVersionOneRows(SinkStore v1) throws SQLException {
        Dialect d = v1.dialect();
        CooperationEvent e = Records.event("old");
        try (PreparedStatement ps = v1.connection().prepareStatement("INSERT INTO " + v1.table("events")
                + " (event_id, article_id, pair, source, target, type, cameo, cooperative, sectors, confidence, modality,"
                + " evidence_text, evidence_start, evidence_end, language, title, url, published, event_time, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + d.placeholder(ColumnType.JSON)
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object[] values = {e.getEventId(), e.getArticleId(), e.getPair(), e.getSource(), e.getTarget(), e.getType(),
                e.getCameo(), true, "[\"energy\"]", 0.7, "asserted", "text", 0, 4, "en", "written by version 1",
                null, Records.T0, Records.T0, Records.T0};
            ColumnType[] types = {ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT,
                ColumnType.TEXT, ColumnType.TEXT, ColumnType.BOOL, ColumnType.JSON, ColumnType.DOUBLE, ColumnType.TEXT,
                ColumnType.TEXT, ColumnType.INT, ColumnType.INT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT,
                ColumnType.TIME, ColumnType.TIME, ColumnType.TIME};
            for (int i = 0; i < values.length; i++) d.bind(ps, i + 1, types[i], values[i]);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = v1.connection().prepareStatement("INSERT INTO " + v1.table("aggregates")
                + " (aggregate_id, granularity, pair, type, sector, window_start, window_end, count, articles, balance,"
                + " updated_at) VALUES (?, 'hour', 'IND-RUS', 'AGREE', 'energy', ?, ?, 7, 2, 3.5, ?)")) {
            d.bind(ps, 1, ColumnType.TEXT, "hour|IND-RUS|AGREE|energy|0");
            d.bind(ps, 2, ColumnType.TIME, Records.T0);
            d.bind(ps, 3, ColumnType.TIME, Records.T0.plusSeconds(3600));
            d.bind(ps, 4, ColumnType.TIME, Records.T0);
            ps.executeUpdate();
        }
    }

    @Test
    void reopeningAnUpToDateDatabaseChangesNothing() throws SQLException {
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(Records.event("a1")), List.of(), List.of()));
        }
        try (SinkStore store = open()) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            assertThat(count(store, "events")).isEqualTo(1);
            assertThat(appliedVersions(store)).containsExactly(1, 2);
        }
    }

    @Test
    void refusesADatabaseWrittenByANewerVersion() throws SQLException {
        try (SinkStore store = open()) {
            try (Statement s = store.connection().createStatement()) {
                s.executeUpdate("INSERT INTO " + store.table("schema_version")
                        + " (version, description, script, applied_at) VALUES (99, 'future', 'V99__future.sql', 'now')");
            }
        }
        assertThatThrownBy(this::open).isInstanceOf(SQLException.class)
                .hasMessageContaining("version 99").hasMessageContaining("newer coopwatch");
    }

    @Test
    void tablePrefixesKeepStoresApart() throws SQLException {
        String otherPrefix = prefix + "other_";
        try (SinkStore a = open(); SinkStore b = SinkStore.open(jdbcUrl(), otherPrefix)) {
            a.write(Batch.of(List.of(Records.event("a1"), Records.event("a2")), List.of(), List.of()));
            b.write(Batch.of(List.of(Records.event("b1")), List.of(), List.of()));
            assertThat(count(a, "events")).isEqualTo(2);
            assertThat(count(b, "events")).isEqualTo(1);
        }
    }

    @Test
    void rejectsAPrefixThatIsNotAnIdentifier() {
        assertThatThrownBy(() -> SinkStore.open(jdbcUrl(), "x; DROP TABLE events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table prefix");
    }

    @Test
    void storesTextWithControlCharacters() throws SQLException {
        String text = "India\u0000 and Russia\n signed\t \"a deal\" — भारत";
        CooperationEvent e = CooperationEvent.newBuilder(Records.event("nul")).setEvidence(
                new org.coopwatch.avro.Evidence(text, 0, 5)).build();
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(e), List.of(), List.of()));
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT evidence_text FROM " + store.table("events"))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1).replace("\u0000", "")).isEqualTo(text.replace("\u0000", ""));
            }
        }
    }

    /** Names of the indexes on the store's tables. */
    abstract List<String> indexes(SinkStore store) throws SQLException;

    static List<Integer> appliedVersions(SinkStore store) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + store.table("schema_version") + " ORDER BY version")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    static List<String> names(Connection c, String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> jsonList(String json) {
        try {
            return JSON.readValue(json, List.class);
        } catch (Exception e) {
            throw new AssertionError("not a JSON array: " + json, e);
        }
    }
}
