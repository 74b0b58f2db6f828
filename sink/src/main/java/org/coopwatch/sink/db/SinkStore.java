package org.coopwatch.sink.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's database: SQLite or PostgreSQL over JDBC, schema created and migrated on open, and
 * {@link #write(Batch)} as idempotent upserts keyed by id in one transaction, so a redelivered record
 * rewrites its own row instead of adding one.
 *
 * <p>Not thread-safe: one writer thread (the sink's). Holds one connection and reopens it when the
 * database went away (PostgreSQL restart).
 */
public final class SinkStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkStore.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int VALID_CHECK_SECONDS = 5;

    private final String jdbcUrl;
    private final Properties jdbcProperties;
    private final Dialect dialect;
    private final String prefix;
    private final int schemaVersion;
    private Connection connection;
    /** Set when a statement failed: the next write checks the connection before using it. */
    private boolean suspect;

    private SinkStore(String jdbcUrl, Properties jdbcProperties, String prefix, int targetVersion) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.jdbcProperties = jdbcProperties;
        this.dialect = Dialect.forUrl(jdbcUrl);
        this.prefix = prefix;
        Dialect.prepare(jdbcUrl);
        this.connection = connect();
        try {
            this.schemaVersion = Migrations.migrate(connection, dialect, prefix, targetVersion);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens (creating or migrating the schema as needed) the store at a JDBC URL.
     *
     * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db?user=...}
     * @param tablePrefix prepended to every table and index name ("" for none); letters, digits, '_'
     * @param jdbcProperties extra driver properties (user, password, ssl...), may be empty
     * @throws SQLException when the database cannot be reached or migrated; the message says which
     * @throws IllegalArgumentException for an unsupported URL or a bad prefix
     */
    public static SinkStore open(String jdbcUrl, String tablePrefix, Properties jdbcProperties) throws SQLException {
        return open(jdbcUrl, tablePrefix, jdbcProperties, Migrations.latest());
    }

    public static SinkStore open(String jdbcUrl, String tablePrefix) throws SQLException {
        return open(jdbcUrl, tablePrefix, new Properties());
    }

    /** Opens the store migrated only up to {@code targetVersion}: for migration tests. */
    static SinkStore open(String jdbcUrl, String tablePrefix, Properties jdbcProperties, int targetVersion)
            throws SQLException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String prefix = tablePrefix == null ? "" : tablePrefix;
        checkPrefix(prefix);
        Properties props = new Properties();
        if (jdbcProperties != null) props.putAll(jdbcProperties);
        return new SinkStore(jdbcUrl, props, prefix, targetVersion);
    }

    /** Validates a table prefix; it is pasted into SQL, so only identifier characters are allowed. */
    public static void checkPrefix(String prefix) {
        if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix '" + prefix
                    + "' must start with a letter or '_' and hold only letters, digits and '_'");
        }
    }

    /** The latest schema version this build creates. */
    public static int latestSchemaVersion() {
        return Migrations.latest();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The schema version found or created on open. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** A table's full name: {@code events}, {@code alerts}, {@code aggregates} or {@code schema_version}, prefixed. */
    public String table(String baseName) {
        return prefix + baseName;
    }

    /** The JDBC URL with passwords masked. */
    public String describe() {
        return dialect.id() + " " + JdbcUrls.redact(jdbcUrl) + (prefix.isEmpty() ? "" : " (table prefix " + prefix + ")");
    }

    /** The open connection (auto-commit on), for queries by the caller: tests, reports. */
    public Connection connection() throws SQLException {
        ensureConnected();
        return connection;
    }

    /**
     * Upserts every record of the batch in one transaction. Within the batch the last record of an id
     * wins (records are in offset order per partition, and one id always lives in one partition).
     * On failure the transaction is rolled back and the exception rethrown; nothing was written.
     */
    public void write(Batch batch) throws SQLException {
        if (batch.isEmpty()) return;
        ensureConnected();
        Instant now = Instant.now();
        // auto-commit is on between writes, so no read transaction lingers on a stale SQLite snapshot
        connection.setAutoCommit(false);
        try {
            upsert(Tables.EVENTS, batch.events(), now);
            upsert(Tables.ALERTS, batch.alerts(), now);
            upsert(Tables.AGGREGATES, batch.aggregates(), now);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            suspect = true;
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                suspect = true;
            }
        }
    }

    private <T> void upsert(Table<T> table, List<T> records, Instant now) throws SQLException {
        if (records.isEmpty()) return;
        // last one per id wins; PostgreSQL would refuse one statement touching a row twice anyway
        Map<String, T> latest = new LinkedHashMap<>();
        for (T r : records) {
            String id = table.id(r);
            latest.remove(id);
            latest.put(id, r);
        }
        List<Table.Column> columns = table.columns();
        try (PreparedStatement ps = connection.prepareStatement(table.upsertSql(table(table.baseName()), dialect))) {
            for (T r : latest.values()) {
                Object[] values = table.values(r);
                for (int i = 0; i < values.length; i++) {
                    dialect.bind(ps, i + 1, columns.get(i).type(), values[i]);
                }
                dialect.bind(ps, values.length + 1, ColumnType.TIME, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Connection connect() throws SQLException {
        dialect.loadDriver();
        Connection c = DriverManager.getConnection(jdbcUrl, jdbcProperties);
        try {
            c.setAutoCommit(true);
            dialect.configure(c);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void ensureConnected() throws SQLException {
        if (connection != null && !suspect) return;
        if (connection != null && !connection.isClosed() && connection.isValid(VALID_CHECK_SECONDS)) {
            suspect = false;
            return;
        }
        closeQuietly(connection);
        connection = null;
        LOG.info("Reconnecting to {}", describe());
        connection = connect();
        suspect = false;
    }

    @Override
    public void close() {
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the database connection failed", e);
        }
    }
}
