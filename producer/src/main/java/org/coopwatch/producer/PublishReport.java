package org.coopwatch.producer;

import java.util.List;
import java.util.Locale;
import org.coopwatch.producer.source.Problem;

/**
 * What a publish run did.
 *
 * @param topic             where the articles went
 * @param inputsTotal       files found (plus stdin), including those rejected before reading
 * @param inputsDone        inputs read to the end (or rejected); fewer than the total only when stopped
 * @param inputsSkipped     inputs from which nothing was published because of a problem
 * @param articlesRead      articles read and handed to Kafka
 * @param published         articles Kafka acknowledged (acks=all)
 * @param problems          every problem with the inputs, in the order found (up to {@link #MAX_LISTED})
 * @param problemsNotListed problems beyond that cap, counted only
 * @param recordsSkipped    records inside files (JSON Lines lines, JSON array elements) that were skipped
 * @param failedSends       articles Kafka did not acknowledge, each with its id and why
 * @param stoppedAt         null when every input was read; else where {@link ArticlePublisher#stop()} stopped
 *                          reading: the first article ({@code file:line}) or input not read
 */
public record PublishReport(String topic, int inputsTotal, int inputsDone, int inputsSkipped, long articlesRead, long published,
                            List<Problem> problems, long problemsNotListed, long recordsSkipped,
                            List<FailedSend> failedSends, String stoppedAt) {

    /** Problems kept for the report; beyond this a run with millions of bad lines only counts them. */
    public static final int MAX_LISTED = 10_000;

    /** Exit status: everything found was published. */
    public static final int EXIT_OK = 0;
    /** Exit status: Kafka did not take some articles; they are not in the topic. */
    public static final int EXIT_SEND_FAILED = 1;
    /** Exit status: every send succeeded, but some inputs or records were skipped (see the problems). */
    public static final int EXIT_INPUT_SKIPPED = 3;
    /** Exit status: stopped on request (Ctrl-C) before every input was read; 128 + SIGINT, as shells do. */
    public static final int EXIT_STOPPED = 130;

    public PublishReport {
        problems = List.copyOf(problems);
        failedSends = List.copyOf(failedSends);
    }

    /** Inputs read (at least in part) without being skipped; when stopped, those not reached are not counted. */
    public int inputsRead() {
        return inputsDone() - inputsSkipped;
    }

    public boolean stopped() {
        return stoppedAt != null;
    }

    /** True when every input was read whole and every article acknowledged (warnings aside). */
    public boolean complete() {
        return failedSends.isEmpty() && inputsSkipped == 0 && recordsSkipped == 0 && !stopped();
    }

    /** 0 all published, 1 some sends failed, 130 stopped early, 3 some inputs or records skipped. */
    public int exitCode() {
        if (!failedSends.isEmpty()) return EXIT_SEND_FAILED;
        if (stopped()) return EXIT_STOPPED;
        return complete() ? EXIT_OK : EXIT_INPUT_SKIPPED;
    }

    /** One line: "published 1,234 articles from 447/450 inputs to articles.raw; 3 inputs skipped, ...". */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "published %,d article%s from %,d/%,d input%s to %s", published, published == 1 ? "" : "s",
                inputsRead(), inputsTotal, inputsTotal == 1 ? "" : "s", topic));
        if (inputsSkipped > 0) sb.append(String.format(Locale.ROOT, "; %,d input%s skipped", inputsSkipped, inputsSkipped == 1 ? "" : "s"));
        if (recordsSkipped > 0) sb.append(String.format(Locale.ROOT, "; %,d record%s skipped", recordsSkipped, recordsSkipped == 1 ? "" : "s"));
        if (!failedSends.isEmpty()) sb.append(String.format(Locale.ROOT, "; %,d FAILED to send", failedSends.size()));
        if (stopped()) sb.append("; STOPPED at ").append(stoppedAt).append(": it and what follows were not read");
        long warnings = problems.stream().filter(p -> !p.kind().skips()).count();
        if (warnings > 0) sb.append(String.format(Locale.ROOT, "; %,d warning%s", warnings, warnings == 1 ? "" : "s"));
        return sb.toString();
    }
}
