package org.coopwatch.sink.db;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** JDBC URL helpers: the default SQLite location, and a form safe to log. */
public final class JdbcUrls {

    /** The SQLite file's name inside the data folder. */
    public static final String SQLITE_FILE = "coopwatch.db";

    private static final Pattern SECRET = Pattern.compile(
            "(?i)((?:password|sslpassword|sslkey|secret|token)=)[^&;]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private JdbcUrls() {}

    /** {@code jdbc:sqlite:<dataDir>/coopwatch.db}. */
    public static String sqlite(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
    }

    /** The URL with passwords masked, for logs and error messages. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) return null;
        String out = SECRET.matcher(jdbcUrl).replaceAll("$1****");
        return USERINFO.matcher(out).replaceAll("$1****@");
    }
}
