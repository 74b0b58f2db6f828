package org.coopwatch.web.http;

import java.util.Locale;
import java.util.Set;

/**
 * Guards a server bound to the loopback interface against DNS rebinding: a page from elsewhere whose
 * host name was re-pointed at 127.0.0.1 would send its own name in the {@code Host} header, which is
 * refused here. Servers bound to other addresses accept any host (use the token there).
 */
public final class HostCheck {

    private final Set<String> allowed;

    /** @param allowed lower-case host names (without port) accepted; null accepts any */
    public HostCheck(Set<String> allowed) {
        this.allowed = allowed;
    }

    public static HostCheck loopback(String... extra) {
        java.util.Set<String> s = new java.util.HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]", "::1"));
        for (String e : extra) {
            if (e != null) s.add(e.toLowerCase(Locale.ROOT));
        }
        return new HostCheck(Set.copyOf(s));
    }

    public static HostCheck any() {
        return new HostCheck(null);
    }

    public boolean allows(String hostHeader) {
        if (allowed == null) return true;
        if (hostHeader == null) return false;
        return allowed.contains(hostOf(hostHeader.trim().toLowerCase(Locale.ROOT)));
    }

    static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
