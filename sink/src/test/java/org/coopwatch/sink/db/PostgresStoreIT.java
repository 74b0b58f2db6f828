package org.coopwatch.sink.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.coopwatch.avro.CooperationEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresStoreIT extends StoreContract {

    private static PostgresSupport postgres;

    @BeforeAll
    static void createSchema() throws SQLException {
        postgres = new PostgresSupport("store");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (postgres != null) postgres.close();
    }

    @Override
    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    List<String> indexes(SinkStore store) throws SQLException {
        return names(store.connection(), "SELECT indexname FROM pg_indexes WHERE schemaname = ?", postgres.schema());
    }

    @Test
    void tablesLandInTheSchemaOfTheUrlWithNativeTypes() throws SQLException {
        try (SinkStore store = open()) {
            assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
            List<String> types = names(store.connection(), "SELECT column_name || ':' || data_type"
                    + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY column_name",
                    postgres.schema(), store.table("events"));
            assertThat(types).contains("sectors:jsonb", "event_time:timestamp with time zone", "cooperative:boolean",
                    "confidence:double precision", "story_id:text");
        }
    }

    @Test
    void sectorsAreQueryableAsJsonb() throws SQLException {
        try (SinkStore store = open()) {
            CooperationEvent trade = CooperationEvent.newBuilder(Records.event("a2")).setSectors(List.of("trade")).build();
            store.write(Batch.of(List.of(Records.event("a1"), trade), List.of(), List.of()));
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT article_id FROM " + store.table("events")
                         + " WHERE sectors @> '[\"trade\"]'::jsonb")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a2");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aDroppedConnectionIsReopenedOnTheNextWrite() throws SQLException {
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(Records.event("a1")), List.of(), List.of()));
            int pid;
            try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            // what a PostgreSQL restart does to the sink's session
            try (SinkStore other = SinkStore.open(jdbcUrl(), prefix);
                 Statement s = other.connection().createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            SQLException failure = null;
            try {
                store.write(Batch.of(List.of(Records.event("a2")), List.of(), List.of()));
            } catch (SQLException e) {
                failure = e;
            }
            assertThat((Throwable) failure).as("the write on the killed session").isNotNull();
            assertThat(store.dialect().isTransient(failure)).as("connection loss is transient: " + failure).isTrue();
            store.write(Batch.of(List.of(Records.event("a2")), List.of(), List.of()));
            assertThat(count(store, "events")).isEqualTo(2);
        }
    }
}
