package org.coopwatch.streams.alert;

/** Names of the three state stores the rule-evaluating processor uses. */
public record AlertStores(String suppression, String firstSeen, String spike) {}
