package org.coopwatch.classifier;

/** An article to classify. Only {@code id} and {@code text} are required; the rest may be null. */
public record Article(String id, String text, String title, String languageHint) {
    public Article {
        if (text == null) throw new IllegalArgumentException("article text is required");
    }

    public static Article of(String id, String text) {
        return new Article(id, text, null, null);
    }
}
