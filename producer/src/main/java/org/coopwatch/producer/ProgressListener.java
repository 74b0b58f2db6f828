package org.coopwatch.producer;

import org.coopwatch.producer.source.Problem;

/**
 * Hears how a publish run goes. Every method is called on the thread that called
 * {@link ArticlePublisher#publish}; {@link #progress} is called often (after every article and while
 * waiting for acknowledgements), so implementations decide how often to show it.
 */
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = new ProgressListener() {};

    /** Publishing starts; {@code inputs} files (and stdin) were found. */
    default void started(String topic, int inputs) {}

    /** A problem with an input (a skipped file, a bad line, a warning), as soon as it is found. */
    default void problem(Problem problem) {}

    default void progress(Progress progress) {}

    /** Every send is acknowledged or failed; the same report {@code publish} returns. */
    default void finished(PublishReport report) {}
}
