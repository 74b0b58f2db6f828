package org.coopwatch.producer.feed;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.coopwatch.schemas.Dates;

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 with the JDK's StAX parser. DTDs and external entities are off, so
 * a feed can neither read local files nor make the parser fetch anything (XXE), nor expand entities into a
 * billion laughs. Elements are matched by local name within the feed's own structure; unknown elements
 * are skipped, so extensions (media:, itunes:, ...) do no harm.
 */
public final class FeedParser {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final XMLInputFactory factory;

    public FeedParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        trySet(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    }

    private void trySet(String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException e) {
            // not every StAX implementation knows every property; the two above are the ones that matter
        }
    }

    /**
     * @param bytes    the response body
     * @param declared the charset of the HTTP Content-Type, or null to let the XML declaration (or BOM) say
     * @throws FeedException for an empty body, malformed XML or XML that is neither RSS nor Atom
     */
    public Feed parse(byte[] bytes, Charset declared) throws FeedException {
        if (bytes.length == 0 || new String(bytes, 0, Math.min(bytes.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new FeedException("empty response: no feed in it");
        }
        XMLStreamReader r = null;
        try {
            r = declared == null ? factory.createXMLStreamReader(new ByteArrayInputStream(bytes))
                    : factory.createXMLStreamReader(new InputStreamReader(new ByteArrayInputStream(bytes), declared));
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog, comments
            }
            if (!r.isStartElement()) throw new FeedException("no XML element in the response: not a feed");
            String root = r.getLocalName().toLowerCase(Locale.ROOT);
            return switch (root) {
                case "rss" -> rss(r, "RSS 2.0");
                case "rdf" -> rss(r, "RSS 1.0");
                case "feed" -> atom(r);
                default -> throw new FeedException("XML with root element <" + r.getLocalName()
                        + ">: not an RSS or Atom feed" + (root.equals("html") ? " (an HTML page: is the feed URL right?)" : ""));
            };
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String msg = e.getMessage() == null ? "unreadable" : e.getMessage();
            // StAX messages start with "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the message part
            int m = msg.indexOf("Message: ");
            if (m >= 0) msg = msg.substring(m + 9);
            throw new FeedException("malformed XML" + (l != null && l.getLineNumber() > 0
                    ? " at line " + l.getLineNumber() + ", column " + l.getColumnNumber() : "") + ": " + msg.strip(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held open: the input is a byte array
                }
            }
        }
    }

    /** RSS 2.0 (rss/channel/item) and RSS 1.0 (rdf:RDF/channel + rdf:RDF/item): items anywhere below the root. */
    private Feed rss(XMLStreamReader r, String format) throws XMLStreamException {
        String title = null;
        String language = null;
        List<Feed.Item> items = new ArrayList<>();
        java.util.Deque<String> path = new java.util.ArrayDeque<>();
        path.push(r.getLocalName());
        while (r.hasNext() && !path.isEmpty()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                path.pop();
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                boolean inChannel = path.peek().equals("channel");
                if (name.equals("item")) items.add(rssItem(r));
                else if (inChannel && name.equals("title") && title == null) title = text(r);
                else if (inChannel && name.equals("language") && language == null) language = text(r);
                else path.push(name);
            }
        }
        return new Feed(format, blank(title), language(language), items);
    }

    private Feed.Item rssItem(XMLStreamReader r) throws XMLStreamException {
        String guid = null, link = null, title = null, description = null, content = null, date = null;
        String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals("about")) guid = r.getAttributeValue(i); // RSS 1.0 rdf:about
        }
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("item")) break;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            String name = r.getLocalName();
            switch (name) {
                case "guid" -> guid = text(r);
                case "link" -> link = text(r);
                case "title" -> title = text(r);
                case "description" -> description = text(r);
                case "encoded" -> content = text(r); // content:encoded
                case "pubDate", "date", "published", "issued" -> {
                    String d = text(r);
                    if (date == null) date = d;
                }
                default -> skip(r);
            }
        }
        return new Feed.Item(blank(guid), blank(link), blank(title), blank(content) != null ? content : blank(description),
                Dates.parse(date), language(lang));
    }

    private Feed atom(XMLStreamReader r) throws XMLStreamException {
        String title = null;
        String language = language(r.getAttributeValue(XMLConstants.XML_NS_URI, "lang"));
        List<Feed.Item> items = new ArrayList<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("feed")) break;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            String name = r.getLocalName();
            if (name.equals("entry")) items.add(atomEntry(r));
            else if (name.equals("title") && title == null) title = text(r);
            else skip(r);
        }
        return new Feed("Atom", blank(title), language, items);
    }

    private Feed.Item atomEntry(XMLStreamReader r) throws XMLStreamException {
        String id = null, link = null, title = null, summary = null, content = null, published = null, updated = null;
        String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("entry")) break;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            switch (r.getLocalName()) {
                case "id" -> id = text(r);
                case "link" -> {
                    String rel = r.getAttributeValue(null, "rel");
                    String href = r.getAttributeValue(null, "href");
                    if ((rel == null || rel.equals("alternate")) && href != null && link == null) link = href;
                    skip(r);
                }
                case "title" -> title = text(r);
                case "summary" -> summary = text(r);
                case "content" -> content = text(r);
                case "published" -> published = text(r);
                case "updated" -> updated = text(r);
                default -> skip(r);
            }
        }
        return new Feed.Item(blank(id), blank(link), blank(title), blank(content) != null ? content : blank(summary),
                Dates.parse(published != null ? published : updated), language(lang));
    }

    /** The text of the current element (markup inside it, as in XHTML content, kept as text), read to its end. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> sb.append(r.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    sb.append('<').append(r.getLocalName()).append('>');
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (--depth == 0) return sb.toString();
                    sb.append("</").append(r.getLocalName()).append('>');
                }
                default -> { }
            }
        }
        return sb.toString();
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (r.hasNext() && depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String language(String tag) {
        if (tag == null) return null;
        String t = tag.strip().toLowerCase(Locale.ROOT);
        int cut = t.indexOf('-') >= 0 ? t.indexOf('-') : t.indexOf('_');
        if (cut >= 0) t = t.substring(0, cut);
        return t.length() == 2 ? t : null;
    }
}
