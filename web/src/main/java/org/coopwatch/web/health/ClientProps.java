package org.coopwatch.web.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Narrows pass-through Kafka client properties to the keys one client type knows, so none warns about the rest. */
final class ClientProps {

    private ClientProps() {}

    static Map<String, Object> only(Map<String, ?> given, Set<String> known) {
        Map<String, Object> out = new HashMap<>();
        given.forEach((k, v) -> {
            if (known.contains(k)) out.put(k, v);
        });
        return out;
    }
}
