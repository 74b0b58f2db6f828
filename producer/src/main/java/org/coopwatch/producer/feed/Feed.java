package org.coopwatch.producer.feed;

import java.time.Instant;
import java.util.List;

/**
 * A parsed RSS or Atom feed.
 *
 * @param format   "RSS 2.0", "RSS 1.0" or "Atom"
 * @param title    the channel's title, or null
 * @param language ISO 639-1 code the feed declares, or null
 * @param items    the items in feed order
 */
public record Feed(String format, String title, String language, List<Item> items) {

    public Feed {
        items = List.copyOf(items);
    }

    /**
     * One item (RSS) or entry (Atom).
     *
     * @param guid      RSS guid or Atom id, or null
     * @param link      the article page, or null
     * @param title     may be null
     * @param summary   the item's content (content:encoded / Atom content) or else its description/summary,
     *                  as HTML or text; may be null
     * @param published pubDate / dc:date / published / updated, or null when absent or unreadable
     * @param language  a language the item itself declares (xml:lang), or null
     */
    public record Item(String guid, String link, String title, String summary, Instant published, String language) {

        /** How the item is remembered once published: its guid, else its link, else its title. */
        public String key() {
            if (guid != null && !guid.isBlank()) return "guid:" + guid.strip();
            if (link != null && !link.isBlank()) return "link:" + link.strip();
            return "title:" + (title == null ? "" : title.strip());
        }

        /** Every key the item is remembered under: {@link #key()}, and its link too, so a changed guid is no new item. */
        public List<String> keys() {
            return link != null && !key().startsWith("link:") ? List.of(key(), "link:" + link.strip()) : List.of(key());
        }
    }
}
