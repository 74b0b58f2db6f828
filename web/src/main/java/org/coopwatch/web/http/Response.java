package org.coopwatch.web.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete response: status, content type, body and extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public static Response json(Object value) {
        return json(200, value);
    }

    public static Response json(int status, Object value) {
        return new Response(status, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An already rendered JSON text. */
    public static Response rawJson(String json) {
        return new Response(200, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response error(int status, String message) {
        return json(status, Map.of("error", message, "status", status));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
