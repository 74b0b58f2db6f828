package org.coopwatch.app.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.coopwatch.schemas.serde.AvroJson;
import org.coopwatch.schemas.topic.Topic;
import org.coopwatch.schemas.topic.Topics;

/**
 * Renders a record of any coopwatch topic as one line of JSON: Avro values decoded through the topic
 * registry, DLQ records as their error headers plus the failed payload (decoded when its source topic
 * is known, else a text or hex preview). Long strings are cut unless {@code full}.
 */
public final class RecordPrinter {

    static final String DLQ_HEADER_PREFIX = "__streams.errors.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STRING = 240;
    private static final int MAX_PREVIEW_BYTES = 64;

    private final Topics topics;
    private final boolean full;

    public RecordPrinter(Topics topics, boolean full) {
        this.topics = topics;
        this.full = full;
    }

    public String toJson(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode out = JSON.createObjectNode();
        out.put("topic", record.topic());
        out.put("partition", record.partition());
        out.put("offset", record.offset());
        out.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        out.set("key", record.key() == null ? null : text(record.key()));
        boolean dlq = record.topic().equals(topics.names().dlq()) || hasDlqHeaders(record);
        if (dlq) {
            ObjectNode headers = out.putObject("headers");
            String sourceTopic = null;
            for (Header h : record.headers()) {
                String value = h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
                if (h.key().equals(DLQ_HEADER_PREFIX + "topic")) {
                    sourceTopic = value;
                }
                if (value != null && h.key().endsWith("stacktrace") && !full) {
                    value = firstLines(value, 4);
                }
                headers.put(h.key(), value);
            }
            out.put("payloadBytes", record.value() == null ? 0 : record.value().length);
            out.set("payload", decode(sourceTopic, record.value(), true));
        } else {
            out.set("value", decode(record.topic(), record.value(), false));
        }
        return out.toString();
    }

    private static boolean hasDlqHeaders(ConsumerRecord<byte[], byte[]> record) {
        for (Header h : record.headers()) {
            if (h.key().startsWith(DLQ_HEADER_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The value as JSON if its topic's serde can read it, else a preview that says why not. */
    private JsonNode decode(String topicName, byte[] value, boolean preview) {
        if (value == null) {
            return null;
        }
        Topic<?, ?> topic = topicName == null ? null : topics.byName(topicName);
        if (topic != null && topic != topics.dlq()) {
            try {
                Deserializer<?> d = topic.valueSerde().deserializer();
                Object decoded = d.deserialize(topicName, value);
                if (decoded instanceof SpecificRecord r) {
                    return shorten(parse(AvroJson.toJson(r)));
                }
            } catch (RuntimeException e) {
                ObjectNode bad = JSON.createObjectNode();
                bad.put("error", "cannot decode as " + topicName + ": " + e.getMessage());
                bad.set("preview", rawPreview(value));
                return bad;
            }
        }
        return preview || topic == null ? rawPreview(value) : text(value);
    }

    private JsonNode rawPreview(byte[] value) {
        String text = strictUtf8(value);
        if (text != null) {
            if (text.stripLeading().startsWith("{")) {
                try {
                    return shorten(JSON.readTree(text));
                } catch (JsonProcessingException notJson) {
                    // fall through to text
                }
            }
            return new TextNode(cut(text));
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < Math.min(value.length, full ? value.length : MAX_PREVIEW_BYTES); i++) {
            hex.append(String.format("%02x", value[i]));
        }
        if (!full && value.length > MAX_PREVIEW_BYTES) {
            hex.append("...");
        }
        return new TextNode(hex.toString());
    }

    private JsonNode text(byte[] bytes) {
        String s = strictUtf8(bytes);
        return new TextNode(s != null ? cut(s) : "0x" + hexPrefix(bytes));
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, MAX_PREVIEW_BYTES); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new TextNode(json); // not strict JSON: still worth showing as is
        }
    }

    private JsonNode shorten(JsonNode node) {
        if (full) {
            return node;
        }
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(shorten(e.getValue()));
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, shorten(arr.get(i)));
            }
        } else if (node.isTextual()) {
            return new TextNode(cut(node.asText()));
        }
        return node;
    }

    private String cut(String s) {
        if (full || s.length() <= MAX_STRING) {
            return s;
        }
        return s.substring(0, MAX_STRING) + "... (" + s.length() + " chars)";
    }

    private static String firstLines(String s, int lines) {
        int idx = -1;
        for (int i = 0; i < lines; i++) {
            idx = s.indexOf('\n', idx + 1);
            if (idx < 0) {
                return s;
            }
        }
        return s.substring(0, idx) + "\n\t...";
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return null; // binary that happens to be valid UTF-8
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
