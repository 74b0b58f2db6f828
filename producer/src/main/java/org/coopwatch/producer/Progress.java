package org.coopwatch.producer;

/**
 * Where a publish run stands.
 *
 * @param inputsTotal    files found (plus stdin), including those rejected before reading
 * @param inputsDone     inputs read to the end, or rejected
 * @param inputsSkipped  inputs from which nothing was published because of a problem
 * @param articlesRead   articles read and handed to Kafka
 * @param published      articles Kafka acknowledged (acks=all)
 * @param failed         articles Kafka did not take
 * @param recordsSkipped records inside files (JSON Lines lines, JSON array elements) skipped for a problem
 */
public record Progress(int inputsTotal, int inputsDone, int inputsSkipped, long articlesRead, long published,
                       long failed, long recordsSkipped) {

    /** Articles sent but not yet acknowledged or failed. */
    public long unconfirmed() {
        return articlesRead - published - failed;
    }
}
