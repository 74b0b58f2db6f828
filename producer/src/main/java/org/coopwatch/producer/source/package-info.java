/**
 * Readers that turn inputs into {@link org.coopwatch.avro.RawArticle}s: {@code .txt}/{@code .text},
 * {@code .html}/{@code .htm}, {@code .json} (object or array), {@code .jsonl}/{@code .ndjson}, folders
 * (recursively, sorted) and stdin. Readers never throw for bad content; they hand a
 * {@link org.coopwatch.producer.source.Problem} naming the file (and line) to the
 * {@link org.coopwatch.producer.source.ReadSink} and go on. New formats (feeds, compressed files)
 * register in {@link org.coopwatch.producer.source.Formats}.
 */
package org.coopwatch.producer.source;
