package org.coopwatch.producer.source;

import java.io.IOException;

/**
 * Reads the articles of one input in one format. Bad content is never an exception: a reader hands
 * every problem to the sink, named by file (and line), and goes on with what it can read. Only an I/O
 * failure of the stream itself is thrown, and the caller reports it as an unreadable file.
 */
public interface ArticleReader {

    /** A short name for messages, e.g. "JSON Lines". */
    String format();

    void read(Input input, ReadOptions options, ReadSink sink) throws IOException;
}
