package org.coopwatch.app.config;

/** A setting that cannot be used as given; its message is shown to the user as is. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
