package org.coopwatch.sink.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: ordered SQL scripts per dialect under
 * {@code org/coopwatch/sink/db/migration/<dialect>/V<n>__<name>.sql}, applied in order, each in its own
 * transaction together with its row in {@code <prefix>schema_version}. A database already at the
 * latest version is left alone; one newer than this build knows is refused rather than written with
 * the wrong columns.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** One script. Listed explicitly because a folder inside a jar cannot be enumerated. */
    record Migration(int version, String description, String script) {}

    static final List<Migration> ALL = List.of(
            new Migration(1, "events, alerts and aggregates", "V1__init.sql"),
            new Migration(2, "story ids, aggregate article ids, query indexes", "V2__story_ids_and_query_indexes.sql"));

    static final String RESOURCE_ROOT = "/org/coopwatch/sink/db/migration/";

    private Migrations() {}

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * Brings the schema to {@code target} (normally {@link #latest()}); returns the version it is at.
     * Leaves the connection with auto-commit on.
     */
    static int migrate(Connection c, Dialect dialect, String prefix, int target) throws SQLException {
        c.setAutoCommit(false);
        try {
            return migrateInTransactions(c, dialect, prefix, target);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int migrateInTransactions(Connection c, Dialect dialect, String prefix, int target) throws SQLException {
        String versionTable = prefix + "schema_version";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, script TEXT NOT NULL, applied_at TEXT NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        int current = currentVersion(c, versionTable);
        if (current > latest()) {
            throw new SQLException("the database schema is at version " + current + " but this coopwatch only knows"
                    + " versions up to " + latest() + ": it was written by a newer coopwatch; upgrade, or point"
                    + " the sink at another database or table prefix");
        }
        for (Migration m : ALL) {
            if (m.version() <= current || m.version() > target) continue;
            try {
                lock(c, dialect, versionTable);
                // another sink may have migrated while we waited for the lock
                if (currentVersion(c, versionTable) >= m.version()) {
                    c.commit();
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(script(dialect, m), prefix)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + versionTable
                        + " (version, description, script, applied_at) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setString(3, m.script());
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                }
                c.commit();
                LOG.info("Database schema migrated to version {} ({})", m.version(), m.description());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new SQLException("migration to schema version " + m.version() + " (" + m.script()
                        + ") failed and was rolled back: " + e.getMessage(), e);
            }
        }
        return currentVersion(c, versionTable);
    }

    static int currentVersion(Connection c, String versionTable) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + versionTable)) {
            rs.next();
            return rs.getInt(1); // 0 when empty (NULL)
        }
    }

    /** Serialises concurrent migrators; SQLite already allows one writer at a time. */
    private static void lock(Connection c, Dialect dialect, String versionTable) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + versionTable + " IN EXCLUSIVE MODE");
            }
        }
    }

    static String script(Dialect dialect, Migration m) {
        String path = RESOURCE_ROOT + dialect.id() + "/" + m.script();
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing migration script " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + path, e);
        }
    }

    /** Splits a script into statements: strips {@code --} comments, splits on {@code ;} outside quotes. */
    static List<String> statements(String script, String prefix) {
        String sql = script.replace("${prefix}", prefix);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (!quoted && ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') i++;
                current.append('\n');
                continue;
            }
            if (ch == '\'') quoted = !quoted;
            if (!quoted && ch == ';') {
                add(out, current);
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) out.add(s);
    }
}
