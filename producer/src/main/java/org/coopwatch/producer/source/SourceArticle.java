package org.coopwatch.producer.source;

import java.util.Objects;
import org.coopwatch.avro.RawArticle;

/**
 * An article read from an input, with where it came from ({@code file} or {@code file:line}) so that a
 * failed send can name it, and the UTF-8 size of its text (what the size limits are about).
 */
public record SourceArticle(String origin, RawArticle article, int textBytes) {

    public SourceArticle {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(article, "article");
    }

    public String id() {
        return article.getId();
    }
}
