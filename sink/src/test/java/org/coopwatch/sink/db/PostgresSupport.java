package org.coopwatch.sink.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh schema in the shared PostgreSQL test database (127.0.0.1:5432, database test, user postgres),
 * dropped afterwards, so test runs never see each other's tables.
 */
public final class PostgresSupport implements AutoCloseable {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    static {
        // pgjdbc has an `assert false` where, without -ea, it goes on to report a lost connection as an
        // SQLException; tests run with -ea, production does not: test what production sees
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("org.postgresql", false);
        Thread.currentThread().getContextClassLoader().setPackageAssertionStatus("org.postgresql", false);
    }

    private final String schema;

    public PostgresSupport(String purpose) throws SQLException {
        this.schema = "coopwatch_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(SERVER);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL for the *IT tests is expected at " + SERVER + " (trust auth): "
                    + e.getMessage(), e);
        }
    }

    public String schema() {
        return schema;
    }

    /** A JDBC URL whose tables land in this schema. */
    public String jdbcUrl() {
        return SERVER + "&currentSchema=" + schema;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
