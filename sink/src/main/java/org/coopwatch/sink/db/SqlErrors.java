package org.coopwatch.sink.db;

import java.sql.SQLException;

/** Short, loggable descriptions of database errors. */
public final class SqlErrors {

    private static final int MAX = 300;

    private SqlErrors() {}

    /**
     * The failure in one line: a failed batch's own cause (PostgreSQL's batch message repeats the whole
     * statement with its values), the SQLState, cut to a readable length.
     */
    public static String describe(SQLException e) {
        SQLException cause = e;
        while (cause.getNextException() != null && cause.getNextException() != cause) cause = cause.getNextException();
        String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
        if (message.length() > MAX) message = message.substring(0, MAX) + "...";
        return cause.getSQLState() == null ? message : message + " [SQLState " + cause.getSQLState() + "]";
    }
}
