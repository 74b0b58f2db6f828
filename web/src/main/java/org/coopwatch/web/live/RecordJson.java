package org.coopwatch.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.coopwatch.web.http.Json;

/**
 * An Avro record as plain JSON in its schema's field order: timestamps as ISO-8601 instants, unions
 * unwrapped, nested records as objects. Text stays text here; escaping is the renderer's job.
 */
public final class RecordJson {

    private RecordJson() {}

    public static ObjectNode of(IndexedRecord record) {
        ObjectNode out = Json.object();
        for (Schema.Field f : record.getSchema().getFields()) {
            out.set(f.name(), value(record.get(f.pos())));
        }
        return out;
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        if (v == null) return n.nullNode();
        if (v instanceof IndexedRecord r) return of(r);
        if (v instanceof Instant i) return n.textNode(i.toString());
        if (v instanceof CharSequence s) return n.textNode(s.toString());
        if (v instanceof Boolean b) return n.booleanNode(b);
        if (v instanceof Integer i) return n.numberNode(i);
        if (v instanceof Long l) return n.numberNode(l);
        if (v instanceof Float f) return n.numberNode(f);
        if (v instanceof Double d) return n.numberNode(d);
        if (v instanceof Enum<?> e) return n.textNode(e.name());
        if (v instanceof Collection<?> c) {
            ArrayNode a = n.arrayNode();
            for (Object o : c) a.add(value(o));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = n.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), value(val)));
            return o;
        }
        if (v instanceof ByteBuffer b) return n.numberNode(b.remaining()); // bytes are not shown, only their size
        return n.textNode(v.toString());
    }
}
