/**
 * Duplicates and syndication: exact duplicates dropped, near-duplicates (MinHash over word 3-shingles, LSH
 * bands) grouped into stories with a stable id (the first article's), and a count of the distinct sources
 * that carried each story. {@link org.coopwatch.streams.dedup.StoryDedup} wires the step into the events
 * stage; {@link org.coopwatch.streams.dedup.StoryIndex} holds the rules and the state.
 */
package org.coopwatch.streams.dedup;
