package org.coopwatch.producer.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A {@code .json} file: one article object, an array of them, or several objects one after another.
 * It is read as a stream, one article at a time, so a large array never sits in memory whole. An
 * element that is not an article is reported as {@code file:line} and skipped; malformed JSON stops the
 * file at the line where it breaks (what came before it is kept, and the report says so).
 */
public final class JsonReader implements ArticleReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format() {
        return "JSON";
    }

    @Override
    public void read(Input input, ReadOptions options, ReadSink sink) throws IOException {
        String name = input.name();
        int[] read = {0};
        ReadSink counting = new ReadSink() {
            @Override
            public void article(SourceArticle a) {
                read[0]++;
                sink.article(a);
            }

            @Override
            public void problem(Problem p) {
                sink.problem(p);
            }
        };
        boolean any = false;
        try (JsonParser p = MAPPER.getFactory().createParser(input.stream())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                any = true;
                if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "the array is not closed (no ']')");
                        element(p, name, input.source(), options, counting);
                    }
                } else {
                    element(p, name, input.source(), options, counting);
                }
            }
        } catch (StreamReadException e) {
            long line = e.getLocation() == null ? 0 : Math.max(1, e.getLocation().getLineNr());
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_RECORD, "malformed JSON: "
                    + e.getOriginalMessage() + (read[0] == 0 ? "; nothing read from this file"
                    : "; the " + read[0] + " article" + (read[0] == 1 ? "" : "s") + " before it were read, the rest is skipped")));
            return;
        }
        if (!any) {
            sink.problem(Problem.ofFile(name, Problem.Kind.EMPTY, "no JSON in the file"));
        }
    }

    private static void element(JsonParser p, String name, String source, ReadOptions options, ReadSink sink)
            throws IOException {
        long line = Math.max(1, p.currentTokenLocation().getLineNr());
        JsonNode node = p.readValueAsTree();
        if (node == null || !node.isObject()) {
            sink.problem(Problem.atLine(name, line, Problem.Kind.BAD_RECORD, "expected an article object, found "
                    + (node == null ? "nothing" : describe(node))));
            return;
        }
        JsonLinesReader.fromObject(node, name, line, source, options, sink);
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
