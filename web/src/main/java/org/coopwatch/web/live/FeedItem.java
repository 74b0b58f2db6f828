package org.coopwatch.web.live;

/**
 * One item of the live feed: an alert or an event, numbered in arrival order ({@code seq}, also the SSE
 * event id), with its JSON rendered once.
 *
 * @param kind "alert" or "event"
 * @param id   the alert or event id (replays of the same id are dropped)
 */
public record FeedItem(long seq, String kind, String id, String pair, long receivedAt, String json) {}
