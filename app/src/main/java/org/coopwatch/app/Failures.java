package org.coopwatch.app;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.coopwatch.app.config.ConfigException;

/** Turns an exception into the one line a user reads: what failed and why, without the Java wrapping. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof CliException || t instanceof ConfigException) {
            return t.getMessage();
        }
        StringBuilder sb = new StringBuilder();
        String last = null;
        // Kafka and JDK exceptions wrap each other; keep each distinct message once, outermost first
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            String msg = c.getMessage();
            if (msg == null || msg.isBlank() || (last != null && last.contains(msg))) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(msg.strip());
            last = msg;
            if (sb.length() > 400) {
                break;
            }
        }
        return sb.length() == 0 ? t.getClass().getSimpleName() : sb.toString();
    }

    static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
