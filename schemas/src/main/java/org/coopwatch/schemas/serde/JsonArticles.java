package org.coopwatch.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.schemas.Dates;

/**
 * Reads a raw article from a plain JSON object, the format `classify` reads too:
 * {@code {"id", "text", "title", "url", "source", "language", "published"}}; only {@code text} is required.
 */
public final class JsonArticles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonArticles() {}

    public static RawArticle parse(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SerializationException("raw article is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SerializationException("raw article is not readable JSON: " + e.getMessage());
        }
        return fromNode(node, System.currentTimeMillis());
    }

    public static RawArticle fromNode(JsonNode node, long ingestedMillis) {
        if (node == null || !node.isObject()) throw new SerializationException("raw article JSON must be an object");
        String text = text(node, "text");
        if (text == null || text.isBlank()) {
            throw new SerializationException("raw article JSON" + idHint(node) + " has no \"text\"");
        }
        String url = text(node, "url");
        String id = text(node, "id");
        if (id == null || id.isBlank()) id = ArticleIds.of(url, text);
        String lang = text(node, "language");
        if (lang == null) lang = text(node, "languageHint");
        return RawArticle.newBuilder()
                .setId(id)
                .setText(text)
                .setTitle(text(node, "title"))
                .setUrl(url)
                .setSource(text(node, "source"))
                .setLanguageHint(lang)
                .setPublished(published(node.get("published")))
                .setIngested(Instant.ofEpochMilli(ingestedMillis))
                .setContentHash(ArticleIds.contentHash(text))
                .build();
    }

    private static String idHint(JsonNode node) {
        String id = text(node, "id");
        return id == null ? "" : " '" + id + "'";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * A date in any form {@link Dates} knows, or epoch millis. An unreadable date does not cost the
     * article: it is dropped and event time falls back to ingestion time.
     */
    static Instant published(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return Instant.ofEpochMilli(v.asLong());
        return Dates.parse(v.asText());
    }
}
