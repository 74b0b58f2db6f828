package org.coopwatch.sink.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coopwatch.avro.Alert;
import org.coopwatch.schemas.serde.AvroJson;

/**
 * The JSON posted: {@code {"text": "<one line>", "alert": {...the whole alert...}}}. {@code text} is what
 * chat tools (Slack and the many that copy its incoming-webhook format) show; {@code alert} is for
 * programs, with the same fields as the alerts topic and the JSON Lines file.
 */
public final class WebhookPayload {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayload() {}

    public static String json(Alert alert) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("text", text(alert));
        try {
            root.set("alert", MAPPER.readTree(AvroJson.toJson(alert)));
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render alert " + alert.getAlertId() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The alert's message on one line, with {@code &}, {@code <} and {@code >} escaped as Slack's
     * formatting requires (unescaped, {@code <...>} would be read as a link or a mention).
     */
    public static String text(Alert alert) {
        String line = alert.getMessage().replaceAll("\\s+", " ").strip();
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
