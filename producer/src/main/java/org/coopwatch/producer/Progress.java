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
 * @param bytesRead      bytes of the input files read so far
 * @param bytesTotal     bytes of all input files (stdin not counted), 0 when unknown
 */
public record Progress(int inputsTotal, int inputsDone, int inputsSkipped, long articlesRead, long published,
                       long failed, long recordsSkipped, long bytesRead, long bytesTotal) {

    public Progress(int inputsTotal, int inputsDone, int inputsSkipped, long articlesRead, long published,
                    long failed, long recordsSkipped) {
        this(inputsTotal, inputsDone, inputsSkipped, articlesRead, published, failed, recordsSkipped, 0, 0);
    }

    /** The share of the input bytes read, 0..1, or -1 when the total is unknown. */
    public double fractionRead() {
        return bytesTotal <= 0 ? -1 : Math.min(1.0, (double) bytesRead / bytesTotal);
    }

    /** Articles sent but not yet acknowledged or failed. */
    public long unconfirmed() {
        return articlesRead - published - failed;
    }
}
