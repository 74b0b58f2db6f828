/**
 * {@code coopwatch produce}: articles from files, folders and stdin to {@code articles.raw}.
 *
 * <p>{@link org.coopwatch.producer.ArticlePublisher} reads through
 * {@link org.coopwatch.producer.source.FileSource} and sends each article keyed by its id (URL, else a
 * content hash, so a replay keeps its key) with an idempotent {@code acks=all} producer. Every input
 * problem and every failed send ends up, named, in the {@link org.coopwatch.producer.PublishReport};
 * {@link org.coopwatch.producer.ConsoleProgress} shows the run on stderr.
 *
 * <p>Sizes: article texts are limited to 2 MiB when read (configurable), records to 8 MiB by the
 * producer ({@code max.request.size}); the broker's {@code message.max.bytes} and the topic's
 * {@code max.message.bytes} must allow 8 MiB too, or large articles fail at the broker (reported per
 * article, with what to change).
 */
package org.coopwatch.producer;
