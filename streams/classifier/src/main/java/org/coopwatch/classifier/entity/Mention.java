package org.coopwatch.classifier.entity;

/**
 * A span of normalised text that stands for a country as an actor: the country's name or demonym,
 * an office-holder, a state body. {@code start}/{@code end} index the normalised text.
 */
public record Mention(String country, int start, int end) {}
