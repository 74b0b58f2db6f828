package org.coopwatch.producer.source;

import org.coopwatch.schemas.Dates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.coopwatch.avro.RawArticle;
import org.coopwatch.schemas.serde.JsonArticles;

/**
 * JSON Lines: one article object per line, fields as {@code classify} reads them (id, text, title,
 * language, published, url, source). A bad line is reported as {@code file:line} and skipped; the rest
 * goes through. Blank lines are allowed.
 */
public final class JsonLinesReader implements ArticleReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format() {
        return "JSON Lines";
    }

    @Override
    public void read(Input input, ReadOptions options, ReadSink sink) throws IOException {
        String name = input.name();
        LineReader lines = new LineReader(input.stream(), options.maxJsonLineBytes());
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            long n = line.number();
            if (line.tooLong()) {
                sink.problem(Problem.atLine(name, n, Problem.Kind.TOO_LARGE, "line is over "
                        + Sizes.human(options.maxJsonLineBytes()) + " (the article text limit is "
                        + Sizes.human(options.maxTextBytes()) + "; raise it with --max-text-size)"));
                continue;
            }
            byte[] b = line.bytes();
            int from = n == 1 && b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB
                    && (b[2] & 0xFF) == 0xBF ? 3 : 0;
            if (isBlank(b, from)) continue;
            if (TextDecoding.looksBinary(b, b.length)) {
                sink.problem(Problem.atLine(name, n, Problem.Kind.BAD_RECORD, "NUL bytes in the line: not JSON text"));
                continue;
            }
            TextDecoding.Decoded d = TextDecoding.decode(b, from, b.length - from);
            if (d.invalidSequences() > 0) {
                sink.problem(Problem.atLine(name, n, Problem.Kind.INVALID_BYTES, TextReader.invalidBytesMessage(d)));
            }
            readRecord(d.text(), name, n, input.source(), options, sink);
        }
    }

    /** One JSON object, from a line of a file or of stdin. */
    static void readRecord(String json, String name, long line, String source, ReadOptions options, ReadSink sink) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_RECORD,
                    "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_RECORD, "expected a JSON object, found "
                    + (node == null ? "nothing" : JsonReader.describe(node))));
            return;
        }
        fromObject(node, name, line, source, options, sink);
    }

    /** An article object as {@code classify} reads it; its own "source" wins over the file's name. */
    static void fromObject(JsonNode node, String name, long line, String source, ReadOptions options, ReadSink sink) {
        normalizePublished((ObjectNode) node, name, line, sink);
        RawArticle article;
        try {
            article = JsonArticles.fromNode(node, options.clock().millis());
        } catch (SerializationException e) {
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_RECORD, e.getMessage()));
            return;
        }
        if (article.getSource() == null) article.setSource(source);
        if (article.getLanguageHint() != null) article.setLanguageHint(article.getLanguageHint().strip());
        Articles.offer(article, name, line, options, sink);
    }

    /**
     * Archives write dates every which way ("26-FEB-1987 16:23:47.79", "Jan 01, 2020"); {@link JsonArticles}
     * reads every form {@link Dates} knows. One it cannot read is dropped with a warning naming the line:
     * the article still matters without it.
     */
    private static void normalizePublished(ObjectNode node, String name, long line, ReadSink sink) {
        JsonNode v = node.get("published");
        if (v == null || !v.isTextual() || v.asText().isBlank()) return;
        if (Dates.parse(v.asText()) == null) {
            node.remove("published");
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_FIELD, "\"published\" '" + v.asText().strip()
                    + "' is not a date this reader knows; the article is published without it"));
        }
    }

    private static boolean isBlank(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (!(b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) return false;
        }
        return true;
    }

    /** Splits a stream at '\n' without decoding, and without holding more than the limit of one line. */
    static final class LineReader {

        record Line(long number, byte[] bytes, boolean tooLong) {}

        private final InputStream in;
        private final long limit;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int end;
        private long number;

        LineReader(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        Line next() throws IOException {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == end) {
                    end = in.read(buf);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        if (!any) return null;
                        return new Line(++number, tooLong ? null : line.toByteArray(), tooLong);
                    }
                }
                any = true;
                int nl = -1;
                for (int i = pos; i < end; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                int stop = nl < 0 ? end : nl;
                if (!tooLong) {
                    if (line.size() + (long) (stop - pos) > limit) {
                        tooLong = true;
                        line = new java.io.ByteArrayOutputStream(0);
                    } else {
                        line.write(buf, pos, stop - pos);
                    }
                }
                if (nl >= 0) {
                    pos = nl + 1;
                    return new Line(++number, tooLong ? null : line.toByteArray(), tooLong);
                }
                pos = end;
            }
        }
    }
}
