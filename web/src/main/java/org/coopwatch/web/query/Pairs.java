package org.coopwatch.web.query;

import java.util.Locale;
import java.util.regex.Pattern;
import org.coopwatch.schemas.ArticleIds;
import org.coopwatch.web.http.HttpError;

/** Country pairs as the event model writes them: two ISO 3166-1 alpha-3 codes, sorted, joined by '-'. */
public final class Pairs {

    private static final Pattern PAIR = Pattern.compile("([A-Z]{3})-([A-Z]{3})");

    private Pairs() {}

    /** "rus-ind" or "IND-RUS" → "IND-RUS"; anything else is a 400 naming the expected form. */
    public static String normalize(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        var m = PAIR.matcher(t);
        if (!m.matches()) {
            throw HttpError.badRequest("a pair is two ISO 3166-1 alpha-3 country codes joined by '-', e.g. IND-RUS; got '"
                    + text + "'");
        }
        String a = m.group(1);
        String b = m.group(2);
        if (a.equals(b)) throw HttpError.badRequest("a pair needs two different countries: " + text);
        return ArticleIds.pair(a, b);
    }
}
