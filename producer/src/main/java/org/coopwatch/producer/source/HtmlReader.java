package org.coopwatch.producer.source;

import org.coopwatch.schemas.Dates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A saved web page. The title comes from {@code og:title}, else {@code <title>}, else the first
 * {@code <h1>}; the date from {@code article:published_time}, schema.org {@code datePublished} or the first
 * {@code <time datetime>}; the URL (and so the id) from the canonical link, else {@code og:url}; the text
 * from {@code [itemprop=articleBody]}, {@code <article>}, {@code <main>}, else the element holding the most
 * paragraph text, after scripts, navigation, footers, asides, forms and share/related widgets are dropped.
 */
public final class HtmlReader implements ArticleReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String BOILERPLATE = String.join(", ",
            "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
            "form", "button", "input", "select", "textarea", "dialog", "nav", "aside", "footer",
            "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]",
            "[aria-hidden=true]", "[hidden]");
    /** The content regions a page marks; a header inside one holds the headline and byline, so it stays. */
    private static final String CONTENT = "article, main, [role=main], [itemprop=articleBody]";
    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dt, dd, figcaption";
    private static final String HEADINGS = "h1, h2, h3, h4, h5, h6";
    /** class/id words of widgets around an article; whole words only, so "shared-content" stays. */
    private static final Pattern WIDGET = Pattern.compile(
            "(?i)(^|[\\s_-])(share|sharing|social|related|comments?|newsletter|subscribe|subscription|advert"
                    + "|advertisement|ads?|promo|cookies?|consent|breadcrumbs?|sidebar|widget|popup|modal|paywall"
                    + "|recommended|trending|outbrain|taboola)($|[\\s_-])");
    private static final String[] DATE_META = {
            "meta[property=article:published_time]", "meta[name=article:published_time]",
            "meta[itemprop=datePublished]", "meta[name=pubdate]", "meta[name=publishdate]",
            "meta[name=publish-date]", "meta[name=date]", "meta[name=dc.date.issued]", "meta[name=dc.date]",
            "meta[property=og:published_time]"};

    @Override
    public String format() {
        return "HTML";
    }

    @Override
    public void read(Input input, ReadOptions options, ReadSink sink) throws IOException {
        String name = input.name();
        long limit = options.maxHtmlFileBytes();
        byte[] bytes = input.size() > limit ? null : Streams.readAtMost(input.stream(), limit);
        if (bytes == null) {
            sink.problem(Problem.ofFile(name, Problem.Kind.TOO_LARGE, "page is over "
                    + Sizes.human(limit) + " (the limit for HTML is 8 times the article text limit; "
                    + "raise it with --max-text-size)"));
            return;
        }
        if (TextDecoding.looksBinary(bytes, bytes.length)) {
            sink.problem(Problem.ofFile(name, Problem.Kind.BINARY,
                    "contains NUL bytes: a binary file (image, archive, PDF...), not HTML"));
            return;
        }
        // the charset: a byte-order mark, else the one declared outside (HTTP), else <meta charset>, else UTF-8
        Charset declared = input.declaredCharset();
        Document doc = Jsoup.parse(new ByteArrayInputStream(bytes), declared == null ? null : declared.name(), "");
        if (declared == null && doc.charset().equals(StandardCharsets.UTF_8)) {
            TextDecoding.Decoded d = TextDecoding.decode(bytes);
            if (d.maybeLegacy() && (d.mostlyInvalid() || TextDecoding.detectLegacy(bytes) != null)) {
                doc = redecode(bytes, d, "UTF-8 by its <meta> or by default", name, sink);
                if (doc == null) return;
            } else if (d.invalidSequences() > 0) {
                sink.problem(Problem.ofFile(name, Problem.Kind.INVALID_BYTES, TextReader.invalidBytesMessage(d)));
            }
        } else if (declared != null && declared.equals(StandardCharsets.UTF_8) && !hasBom(bytes)) {
            // servers declare UTF-8 for pages saved in a legacy charset; the bytes tell
            TextDecoding.Decoded d = TextDecoding.decode(bytes);
            if (d.maybeLegacy() && (d.mostlyInvalid() || TextDecoding.detectLegacy(bytes) != null)) {
                doc = redecode(bytes, d, "declared UTF-8", name, sink);
                if (doc == null) return;
            } else if (d.invalidSequences() > 0) {
                sink.problem(Problem.ofFile(name, Problem.Kind.INVALID_BYTES, TextReader.invalidBytesMessage(d)));
            }
        }

        String title = firstNonBlank(meta(doc, "meta[property=og:title]"), doc.title(), firstText(doc, "h1"));
        String url = url(doc, name, sink);
        String language = firstNonNull(
                Articles.languageFromTag(doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang")),
                Articles.languageFromTag(meta(doc, "meta[http-equiv=content-language]")),
                Articles.languageFromTag(meta(doc, "meta[property=og:locale]")),
                Articles.languageFromFileName(name));
        Instant published = published(doc, name, sink);

        String text = TextDecoding.normalizeLines(mainText(doc));
        if (text.isEmpty()) {
            sink.problem(Problem.ofFile(name, Problem.Kind.EMPTY,
                    "no readable text in the page (after dropping scripts, navigation and footers)"));
            return;
        }
        Articles.offer(Articles.build(text, Articles.collapseSpaces(title), url, input.source(), language,
                published, options), name, 0, options, sink);
    }

    /** The page decoded in the legacy charset its bytes fit, with a warning; null (and NOT_UTF8) when none does. */
    private static Document redecode(byte[] bytes, TextDecoding.Decoded d, String why, String name, ReadSink sink) {
        Charset legacy = TextDecoding.detectLegacy(bytes);
        if (legacy == null) {
            sink.problem(Problem.ofFile(name, Problem.Kind.NOT_UTF8, d.invalidSequences()
                    + " invalid UTF-8 sequences (" + why + ") and no other charset fits: add <meta charset=...>"
                    + " or convert the page to UTF-8"));
            return null;
        }
        sink.problem(Problem.ofFile(name, Problem.Kind.CHARSET_DETECTED, "not UTF-8 (" + why + ", "
                + d.invalidSequences() + " invalid sequences); read as " + legacy.name() + ", the charset its bytes fit"));
        return Jsoup.parse(new String(bytes, legacy), "");
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 2 && (((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) || ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)
                || (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF));
    }

    /** The text of an HTML fragment (a feed item's description), one line per paragraph. */
    public static String textOf(String html) {
        if (html == null || html.isBlank()) return "";
        if (html.indexOf('<') < 0) return TextDecoding.normalizeLines(html);
        return TextDecoding.normalizeLines(mainText(Jsoup.parseBodyFragment(html)));
    }

    /** The article text: one line per paragraph, heading or list item of the content region. */
    static String mainText(Document doc) {
        Element body = doc.body();
        if (body == null) return "";
        body.select(BOILERPLATE).remove();
        for (Element header : body.select("header")) {
            if (header.closest(CONTENT) == null) header.remove();
        }
        // Widgets are small next to the article: a match that holds a fifth of the page or more is a
        // wrapper with an unlucky class ("has-sidebar"), not a widget.
        long pageChars = body.text().length();
        for (Element e : body.select("[class], [id]")) {
            // cheapest test first: text() and select() walk the subtree, and most elements are no widget
            if (!(WIDGET.matcher(e.className()).find() || WIDGET.matcher(e.id()).find())) continue;
            if (e == body || e.parent() == null || e.is(CONTENT) || !e.select(CONTENT).isEmpty()) continue;
            if (e.text().length() * 5L < pageChars) e.remove();
        }
        Element container = firstNonNull(
                largest(body.select("[itemprop=articleBody]")),
                largest(body.select("article")),
                body.selectFirst("main, [role=main]"),
                paragraphParent(body),
                body);

        List<String> parts = new ArrayList<>();
        long blockChars = 0;
        for (Element b : container.select(BLOCKS)) {
            if (insideOtherBlock(b, container)) continue;
            String t = b.is("pre") ? b.wholeText().strip() : b.text();
            if (t.isEmpty()) continue;
            if (!b.is(HEADINGS) && linkDensity(b, t) > 0.5) continue; // menus and "read more" lists
            parts.add(t);
            blockChars += t.length();
        }
        // Pages that set text in bare <div>s and <br>s: the blocks miss most of it, so take all, line by line.
        if (blockChars * 4 < container.text().length()) return lineText(container);
        return String.join("\n", parts);
    }

    private static boolean insideOtherBlock(Element b, Element container) {
        for (Element p = b.parent(); p != null && p != container; p = p.parent()) {
            if (p.is(BLOCKS)) return true;
        }
        return false;
    }

    private static double linkDensity(Element e, String text) {
        if (text.isEmpty()) return 0;
        long linked = 0;
        for (Element a : e.select("a")) linked += a.text().length();
        return (double) linked / text.length();
    }

    private static Element largest(Elements candidates) {
        Element best = null;
        int bestLen = 0;
        for (Element e : candidates) {
            int len = e.text().length();
            if (len > bestLen) {
                best = e;
                bestLen = len;
            }
        }
        return best;
    }

    /** No marked content region: the element whose paragraphs hold the most text (parents score full, grandparents half). */
    private static Element paragraphParent(Element body) {
        Map<Element, Long> score = new IdentityHashMap<>();
        for (Element p : body.select("p")) {
            String t = p.text();
            if (t.length() < 25 || linkDensity(p, t) > 0.5) continue;
            Element parent = p.parent();
            if (parent == null) continue;
            score.merge(parent, (long) t.length(), Long::sum);
            if (parent.parent() != null) score.merge(parent.parent(), (long) t.length() / 2, Long::sum);
        }
        return score.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** Text with a line break at every block boundary and {@code <br>}, blank lines dropped. */
    private static String lineText(Element root) {
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.text());
                } else if (node instanceof Element e && (e.isBlock() || e.is("br"))) {
                    sb.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) sb.append('\n');
            }
        }, root);
        StringBuilder out = new StringBuilder();
        for (String line : sb.toString().split("\n")) {
            String l = Articles.collapseSpaces(line);
            if (!l.isEmpty()) out.append(l).append('\n');
        }
        return out.toString();
    }

    private static String url(Document doc, String name, ReadSink sink) {
        String[][] candidates = {
                {"link[rel=canonical]", "href", "canonical link"},
                {"meta[property=og:url]", "content", "og:url"}};
        String rejected = null;
        for (String[] c : candidates) {
            Element e = doc.selectFirst(c[0]);
            if (e == null) continue;
            String abs = e.absUrl(c[1]);
            String raw = e.attr(c[1]).strip();
            String u = abs.isEmpty() ? raw : abs;
            if (u.isEmpty()) continue;
            if (isWebUrl(u)) return u;
            if (rejected == null) rejected = c[2] + " '" + raw + "'";
        }
        if (rejected != null) {
            sink.problem(Problem.ofFile(name, Problem.Kind.BAD_FIELD, rejected
                    + " is not an absolute http(s) URL; the article has no URL and its id is a content hash"));
        }
        return null;
    }

    static boolean isWebUrl(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Instant published(Document doc, String name, ReadSink sink) {
        List<String> values = new ArrayList<>();
        for (String sel : DATE_META) {
            String v = meta(doc, sel);
            if (v != null) values.add(v);
        }
        for (Element e : doc.select("[itemprop=datePublished][datetime]")) values.add(e.attr("datetime"));
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                JsonNode node = MAPPER.readTree(script.data());
                JsonNode v = node == null ? null : node.findValue("datePublished");
                if (v != null && v.isTextual()) values.add(v.asText());
            } catch (IOException e) {
                // a page's broken structured data is not the article's problem; other sources remain
            }
        }
        Element article = doc.selectFirst("article");
        Element time = article != null ? article.selectFirst("time[datetime]") : null;
        if (time == null) time = doc.selectFirst("time[datetime]");
        if (time != null) values.add(time.attr("datetime"));

        for (String v : values) {
            Instant t = Dates.parse(v);
            if (t != null) return t;
        }
        if (!values.isEmpty()) {
            sink.problem(Problem.ofFile(name, Problem.Kind.BAD_FIELD, "publication date '" + values.get(0).strip()
                    + "' is not a date this reader knows; published is left empty"));
        }
        return null;
    }

    private static String meta(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        if (e == null) return null;
        String v = e.attr("content").strip();
        return v.isEmpty() ? null : v;
    }

    private static String firstText(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        return e == null ? null : e.text();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) return v;
        }
        return null;
    }
}
