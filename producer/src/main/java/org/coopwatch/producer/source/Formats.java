package org.coopwatch.producer.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Which reader reads which file extension. Later sources (feeds, compressed files) register here. */
public final class Formats {

    private final Map<String, ArticleReader> byExtension;

    private Formats(Map<String, ArticleReader> byExtension) {
        this.byExtension = Collections.unmodifiableMap(byExtension);
    }

    /** .txt/.text, .html/.htm, .json, .jsonl/.ndjson. */
    public static Formats standard() {
        Map<String, ArticleReader> m = new LinkedHashMap<>();
        ArticleReader text = new TextReader();
        ArticleReader html = new HtmlReader();
        ArticleReader jsonl = new JsonLinesReader();
        m.put("txt", text);
        m.put("text", text);
        m.put("html", html);
        m.put("htm", html);
        m.put("json", new JsonReader());
        m.put("jsonl", jsonl);
        m.put("ndjson", jsonl);
        return new Formats(m);
    }

    /** A copy that also reads {@code extension} (without the dot) with {@code reader}. */
    public Formats with(String extension, ArticleReader reader) {
        Map<String, ArticleReader> m = new LinkedHashMap<>(byExtension);
        m.put(extension.toLowerCase(Locale.ROOT), reader);
        return new Formats(m);
    }

    /** The reader for a file name, by its extension (any case), or null when none reads it. */
    public ArticleReader forFileName(String fileName) {
        String ext = extension(fileName);
        return ext == null ? null : byExtension.get(ext);
    }

    /** ".txt, .text, .html, ..." for messages. */
    public String extensions() {
        return "." + String.join(", .", byExtension.keySet());
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) return null;
        return fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
