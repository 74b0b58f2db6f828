/**
 * RSS and Atom feeds to {@code articles.raw}: {@link org.coopwatch.producer.feed.FeedReader} polls
 * ({@link org.coopwatch.producer.feed.HttpFetcher}: conditional GET, per-host
 * {@link org.coopwatch.producer.feed.Politeness}, timeouts, retries with backoff), parses
 * ({@link org.coopwatch.producer.feed.FeedParser}: StAX, no DTDs or external entities), fetches each new
 * item's page for its text and remembers what Kafka acknowledged
 * ({@link org.coopwatch.producer.feed.PublishedStore}), so a restart republishes nothing.
 */
package org.coopwatch.producer.feed;
