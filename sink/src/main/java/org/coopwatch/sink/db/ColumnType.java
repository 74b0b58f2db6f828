package org.coopwatch.sink.db;

/** How a value is bound to a statement; the {@link Dialect} maps each to its SQL type. */
enum ColumnType {
    TEXT, INT, LONG, DOUBLE, BOOL,
    /** A JSON array or object, given as its text: JSONB on PostgreSQL, TEXT on SQLite. */
    JSON,
    /** A {@link java.time.Instant}: TIMESTAMPTZ on PostgreSQL, ISO-8601 UTC text on SQLite. */
    TIME
}
