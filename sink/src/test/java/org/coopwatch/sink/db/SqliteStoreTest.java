package org.coopwatch.sink.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    String jdbcUrl() {
        // a folder that does not exist yet: the store creates it
        return "jdbc:sqlite:" + dir.resolve("data/coopwatch.db");
    }

    @Override
    List<String> indexes(SinkStore store) throws SQLException {
        return names(store.connection(), "SELECT name FROM sqlite_master WHERE type = 'index'");
    }

    @Test
    void usesWriteAheadLoggingAndABusyTimeout() throws SQLException {
        try (SinkStore store = open()) {
            assertThat(Files.exists(dir.resolve("data/coopwatch.db"))).isTrue();
            try (Statement s = store.connection().createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
                }
                try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(Dialect.BUSY_TIMEOUT_MS);
                }
            }
        }
    }

    @Test
    void sectorsAreQueryableAsJson() throws SQLException {
        try (SinkStore store = open()) {
            store.write(Batch.of(List.of(Records.event("a1"), Records.event("a2", "CHN", "IND", "AGREE", 0.5)),
                    List.of(), List.of()));
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + store.table("events")
                         + ", json_each(sectors) WHERE json_each.value = 'defence'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void defaultLocationIsInTheDataFolder() {
        assertThat(JdbcUrls.sqlite(dir)).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("coopwatch.db"));
    }

    @Test
    void unsupportedUrlsAreRejectedWithTheSupportedForms() {
        assertThatThrownBy(() -> SinkStore.open("jdbc:mysql://h/db?password=secret", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMigrationThatFailsIsRolledBack() throws SQLException {
        // a table in the way of version 2's index makes the V2 script fail halfway
        try (SinkStore v1 = SinkStore.open(jdbcUrl(), prefix, null, 1)) {
            try (Statement s = v1.connection().createStatement()) {
                s.execute("CREATE TABLE " + prefix + "events_story (x INTEGER)");
            }
        }
        assertThatThrownBy(this::open).isInstanceOf(SQLException.class)
                .hasMessageContaining("schema version 2").hasMessageContaining("rolled back");
        try (SinkStore v1 = SinkStore.open(jdbcUrl(), prefix, null, 1);
             Statement s = v1.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pragma_table_info('" + prefix + "events')"
                     + " WHERE name = 'story_id'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("story_id column added by the failed V2").isZero();
            assertThat(v1.schemaVersion()).isEqualTo(1);
        }
    }
}
