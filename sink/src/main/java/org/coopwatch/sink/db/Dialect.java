package org.coopwatch.sink.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Everything that differs between the two supported databases, in one place: connection set-up,
 * how JSON and timestamps are stored, which errors are worth retrying, and which folder holds the
 * migration scripts. The upsert itself ({@code INSERT ... ON CONFLICT (id) DO UPDATE SET c = excluded.c})
 * is the same in both.
 */
public enum Dialect {

    /** The default: one file, no server. Timestamps are ISO-8601 UTC text with milliseconds, so they sort. */
    SQLITE("sqlite", "org.sqlite.JDBC") {
        @Override
        void configure(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                // WAL: readers (a desk analyst's sqlite3 shell) never block the sink's writes
                s.execute("PRAGMA journal_mode=WAL");
                // wait for a competing writer instead of failing with SQLITE_BUSY at once
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                // with WAL, NORMAL loses at most the last transactions on power loss, never consistency;
                // Kafka still has them and the offsets are committed after the DB, so they come back
                s.execute("PRAGMA synchronous=NORMAL");
            }
        }

        @Override
        void bindTime(PreparedStatement ps, int i, Instant t) throws SQLException {
            ps.setString(i, SQLITE_TIME.format(t));
        }

        @Override
        public Instant readTime(ResultSet rs, String column) throws SQLException {
            String s = rs.getString(column);
            return s == null ? null : Instant.parse(s);
        }

        @Override
        String sanitize(String s) {
            return s;
        }

        @Override
        boolean isTransientCode(SQLException e) {
            int primary = e.getErrorCode() & 0xFF;
            return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
        }
    },

    /** {@code jdbc:postgresql://host:5432/db?user=...}; JSON as JSONB, timestamps as TIMESTAMPTZ. */
    POSTGRESQL("postgresql", "org.postgresql.Driver") {
        @Override
        void configure(Connection c) {
            // nothing: the schema comes from the URL (currentSchema=) or the server's search_path
        }

        @Override
        String placeholder(ColumnType type) {
            return type == ColumnType.JSON ? "CAST(? AS jsonb)" : "?";
        }

        @Override
        void bindTime(PreparedStatement ps, int i, Instant t) throws SQLException {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        public Instant readTime(ResultSet rs, String column) throws SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }

        @Override
        String sanitize(String s) {
            // PostgreSQL text cannot hold U+0000; one stray NUL in scraped news must not wedge the sink
            return s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
        }

        @Override
        boolean isTransientCode(SQLException e) {
            String state = e.getSQLState();
            if (state == null) return false;
            return state.startsWith("08")          // connection exception: server restarted, network
                    || state.equals("40001")       // serialization failure
                    || state.equals("40P01")       // deadlock detected
                    || state.startsWith("53")      // insufficient resources (too many connections, disk full)
                    || state.startsWith("57P");    // admin shutdown, crash shutdown, cannot connect now
        }
    };

    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final String id;
    private final String driverClass;

    Dialect(String id, String driverClass) {
        this.id = id;
        this.driverClass = driverClass;
    }

    /**
     * Registers the JDBC driver by name: DriverManager's service lookup finds only one driver when a
     * fat jar kept a single {@code META-INF/services/java.sql.Driver}.
     */
    void loadDriver() throws SQLException {
        try {
            Class.forName(driverClass);
        } catch (ClassNotFoundException e) {
            throw new SQLException("the " + id + " JDBC driver (" + driverClass + ") is not on the class path", e);
        }
    }

    /** The dialect of a JDBC URL; an unsupported URL is an {@link IllegalArgumentException} that says what is. */
    public static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
            if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + JdbcUrls.redact(jdbcUrl)
                + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>");
    }

    /** Lower-case name, also the folder of this dialect's migration scripts. */
    public String id() {
        return id;
    }

    /** Called once on every new connection, before any statement. */
    abstract void configure(Connection c) throws SQLException;

    /** The parameter marker for a value of this type. */
    String placeholder(ColumnType type) {
        return "?";
    }

    abstract void bindTime(PreparedStatement ps, int i, Instant t) throws SQLException;

    /** Reads a column written as {@link ColumnType#TIME}. */
    public abstract Instant readTime(ResultSet rs, String column) throws SQLException;

    /** Makes a string storable. */
    abstract String sanitize(String s);

    abstract boolean isTransientCode(SQLException e);

    void bind(PreparedStatement ps, int i, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(i, switch (type) {
                case TEXT, JSON -> Types.VARCHAR;
                case INT -> Types.INTEGER;
                case LONG -> Types.BIGINT;
                case DOUBLE -> Types.DOUBLE;
                case BOOL -> Types.BOOLEAN;
                case TIME -> this == POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case TEXT, JSON -> ps.setString(i, sanitize(value.toString()));
            case INT -> ps.setInt(i, ((Number) value).intValue());
            case LONG -> ps.setLong(i, ((Number) value).longValue());
            case DOUBLE -> ps.setDouble(i, ((Number) value).doubleValue());
            case BOOL -> ps.setBoolean(i, (Boolean) value);
            case TIME -> bindTime(ps, i, (Instant) value);
        }
    }

    /**
     * True when the failure may go away by itself (database restarting, lock held by another writer,
     * network blip), so the same batch should be tried again later rather than the sink stopping.
     */
    public boolean isTransient(SQLException e) {
        return isTransient(e, 0);
    }

    private boolean isTransient(Throwable t, int depth) {
        if (t == null || depth > 10) return false;
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
        if (t instanceof SQLException s) {
            if (isTransientCode(s)) return true;
            // a failed batch reports the statement's own failure as the next exception
            if (s.getNextException() != null && s.getNextException() != s && isTransient(s.getNextException(), depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && isTransient(t.getCause(), depth + 1);
    }

    /** Creates the parent folder of a SQLite database file, which the driver will not do. */
    static void prepare(String jdbcUrl) {
        if (forUrl(jdbcUrl) != SQLITE) return;
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) file = file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return;
        Path parent = Paths.get(file).toAbsolutePath().getParent();
        if (parent == null) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite database " + file + ": " + e, e);
        }
    }
}
