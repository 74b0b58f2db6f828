package org.coopwatch.producer.source;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.ArticleIds;

/** What every reader does with an article: its id, hash and size check, and the language hint of a file name. */
public final class Articles {

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Articles() {}

    /** A new article: id = the URL, else a hash of the text (ArticleIds), so a replay keeps its key. */
    public static RawArticle build(String text, String title, String url, String source, String languageHint,
                            Instant published, ReadOptions options) {
        return RawArticle.newBuilder()
                .setId(ArticleIds.of(url, text))
                .setText(text)
                .setTitle(blankToNull(title))
                .setUrl(blankToNull(url))
                .setSource(source)
                .setLanguageHint(languageHint)
                .setPublished(published)
                .setIngested(options.clock().instant())
                .setContentHash(ArticleIds.contentHash(text))
                .build();
    }

    /**
     * Hands the article on if its text is within the limit, else reports it (naming file and line).
     * Returns whether it was accepted.
     */
    public static boolean offer(RawArticle article, String file, long line, ReadOptions options, ReadSink sink) {
        long bytes = Sizes.utf8Length(article.getText());
        if (bytes > options.maxTextBytes()) {
            sink.problem(new Problem(file, line, Problem.Kind.TOO_LARGE, "article text is "
                    + Sizes.human(bytes) + ", over the " + Sizes.human(options.maxTextBytes())
                    + " limit (raise it with --max-text-size, or split the file)"));
            return false;
        }
        String origin = line > 0 ? file + ":" + line : file;
        sink.article(new SourceArticle(origin, article, (int) bytes));
        return true;
    }

    /**
     * The language a file name declares, as in {@code story.hi.txt} or {@code story.ru.html}: a
     * two-letter ISO 639-1 code just before the extension. Null when there is none.
     */
    static String languageFromFileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String base = name.substring(slash + 1);
        int ext = base.lastIndexOf('.');
        if (ext <= 0) return null;
        int prev = base.lastIndexOf('.', ext - 1);
        if (prev < 0 || ext - prev != 3) return null;
        String code = base.substring(prev + 1, ext);
        if (!code.equals(code.toLowerCase(Locale.ROOT))) return null;
        return ISO_639_1.contains(code) ? code : null;
    }

    /** A language tag such as "hi-IN", "en_US" or "ru" reduced to its ISO 639-1 code, or null. */
    public static String languageFromTag(String tag) {
        if (tag == null) return null;
        String t = tag.trim().toLowerCase(Locale.ROOT);
        int cut = t.indexOf('-') >= 0 ? t.indexOf('-') : t.indexOf('_');
        if (cut >= 0) t = t.substring(0, cut);
        return t.length() == 2 && ISO_639_1.contains(t) ? t : null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String collapseSpaces(String s) {
        return s == null ? null : SPACES.matcher(s).replaceAll(" ").strip();
    }
}
