package org.coopwatch.producer.source;

import java.io.IOException;
import java.util.Locale;

/**
 * A plain-text article: the whole file is the text; the first line is also the title when it is short
 * and more lines follow (the usual "headline, then body" layout of saved articles).
 */
public final class TextReader implements ArticleReader {

    /** A headline longer than this is a paragraph, not a title. */
    static final int MAX_TITLE_CHARS = 200;

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void read(Input input, ReadOptions options, ReadSink sink) throws IOException {
        long limit = options.maxTextFileBytes();
        byte[] bytes = input.size() > limit ? null : Streams.readAtMost(input.stream(), limit);
        String name = input.name();
        if (bytes == null) {
            sink.problem(Problem.ofFile(name, Problem.Kind.TOO_LARGE, "file is "
                    + (input.size() >= 0 ? Sizes.human(input.size()) : "over " + Sizes.human(options.maxTextFileBytes()))
                    + ", over the " + Sizes.human(options.maxTextBytes())
                    + " article text limit (raise it with --max-text-size, or split the file)"));
            return;
        }
        readBytes(bytes, name, input.source(), Articles.languageFromFileName(name), options, sink);
    }

    /** Reads text already in memory (stdin uses this after peeking at it). */
    static void readBytes(byte[] bytes, String name, String source, String languageHint,
                          ReadOptions options, ReadSink sink) {
        TextDecoding.Decoded d = TextDecoding.decode(bytes);
        if (d.hasNul()) {
            sink.problem(Problem.ofFile(name, Problem.Kind.BINARY,
                    "contains NUL bytes: a binary file (image, archive, PDF...), not text"));
            return;
        }
        String decoded = d.text();
        java.nio.charset.Charset legacy = d.maybeLegacy() ? TextDecoding.detectLegacy(bytes) : null;
        if (legacy != null || d.mostlyInvalid()) {
            if (legacy == null) {
                sink.problem(Problem.ofFile(name, Problem.Kind.NOT_UTF8, d.invalidSequences()
                        + " invalid UTF-8 sequences and no other charset fits: convert the file to UTF-8 first"
                        + " (e.g. iconv -f CP1251 -t UTF-8)"));
                return;
            }
            sink.problem(Problem.ofFile(name, Problem.Kind.CHARSET_DETECTED, "not UTF-8 (" + d.invalidSequences()
                    + " invalid sequences); read as " + legacy.name() + ", the charset its bytes fit"));
            decoded = new String(bytes, legacy);
            d = new TextDecoding.Decoded(decoded, legacy, 0, -1, 0, false);
        }
        String text = TextDecoding.normalizeLines(decoded);
        if (text.isEmpty()) {
            sink.problem(Problem.ofFile(name, Problem.Kind.EMPTY,
                    bytes.length == 0 ? "empty file" : "no text (only white space)"));
            return;
        }
        if (d.invalidSequences() > 0) {
            sink.problem(Problem.ofFile(name, Problem.Kind.INVALID_BYTES, invalidBytesMessage(d)));
        }
        Articles.offer(Articles.build(text, titleOf(text), null, source, languageHint, null, options),
                name, 0, options, sink);
    }

    static String invalidBytesMessage(TextDecoding.Decoded d) {
        return String.format(Locale.ROOT, "%d invalid %s byte sequence%s replaced with U+FFFD (first at byte %d)",
                d.invalidSequences(), d.charset().name(), d.invalidSequences() == 1 ? "" : "s", d.firstInvalidByte());
    }

    /** The first line, when it is short and not the only line. */
    static String titleOf(String text) {
        int nl = text.indexOf('\n');
        if (nl < 0) return null;
        String first = text.substring(0, nl).strip();
        if (first.isEmpty() || first.codePointCount(0, first.length()) > MAX_TITLE_CHARS) return null;
        return text.substring(nl + 1).isBlank() ? null : first;
    }
}
