package org.coopwatch.producer.source;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * One thing to read: a file or standard input.
 *
 * @param name   how messages name it: the path as the user gave it (folder + relative path), or {@code <stdin>}
 * @param source what goes into the article's {@code source} field unless the content names one
 * @param stream the bytes; the caller opens and closes it
 * @param size   the size in bytes when known (a file), else -1
 * @param declaredCharset the charset declared outside the content (an HTTP Content-Type), or null
 */
public record Input(String name, String source, InputStream stream, long size, Charset declaredCharset) {

    public static final String STDIN_NAME = "<stdin>";

    public Input {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
    }

    /** An input whose charset nobody declared (files, stdin): the content decides. */
    public Input(String name, String source, InputStream stream, long size) {
        this(name, source, stream, size, null);
    }
}
