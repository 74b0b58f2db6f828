package org.coopwatch.producer.source;

/**
 * Where readers hand what they find. Readers never throw for bad content: every article goes to
 * {@link #article}, every problem (skipped file, bad line, replaced bytes) to {@link #problem}.
 */
public interface ReadSink {

    void article(SourceArticle article);

    void problem(Problem problem);
}
