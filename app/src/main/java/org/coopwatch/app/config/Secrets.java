package org.coopwatch.app.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.coopwatch.sink.webhook.UrlMask;

/** Decides which settings are secret and hides them whenever configuration is printed or logged. */
public final class Secrets {

    public static final String MASK = "********";

    // sasl.jaas.config, ssl.key.password, ssl.keystore.key, basic.auth.user.info, sink.jdbc.password, *.secret ...
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|jaas|secret|credential|user\\.info|api[._-]?key|private).*|(.*\\.)?(key|token)");
    // user:password@host in URLs, password=... in JDBC or query strings
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^:/@\\s]+:)[^@/\\s]+@");
    private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd|secret)=)[^&;\\s]*");
    // webhook URLs carry their token in the path or query (sink.webhooks); their headers carry credentials
    private static final Pattern WEBHOOK_URLS = Pattern.compile(".*webhooks?(\\.urls?)?");
    private static final Pattern WEBHOOK_HEADERS = Pattern.compile(".*webhook\\.headers?");

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return key != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** The value as it may be shown: masked when the key is secret, credentials cut out of URLs otherwise. */
    public static String display(String key, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(key)) {
            return MASK;
        }
        String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
        if (WEBHOOK_URLS.matcher(k).matches()) {
            return Lists.urls(value).stream().map(UrlMask::mask).collect(Collectors.joining(","));
        }
        if (WEBHOOK_HEADERS.matcher(k).matches()) {
            // the names say which headers are sent; the values are usually credentials
            return Lists.headers(value).stream().map(h -> h.indexOf(':') > 0 ? h.substring(0, h.indexOf(':')) + ": " + MASK : MASK)
                    .collect(Collectors.joining(", "));
        }
        String v = URL_USER_INFO.matcher(value).replaceAll("$1" + MASK + "@");
        return URL_PASSWORD_PARAM.matcher(v).replaceAll("$1" + MASK);
    }

    /** A sorted copy of the map with every secret masked. */
    public static Map<String, String> masked(Map<String, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, display(k, v == null ? null : String.valueOf(v))));
        return out;
    }
}
