package org.coopwatch.classifier.entity;

import java.util.List;
import java.util.Set;
import org.coopwatch.classifier.Analysis;

/** What entity extraction found in one article. {@code actors} are sorted by start. */
public record Entities(
        Set<String> countries,
        List<Analysis.Place> places,
        List<Analysis.Person> people,
        List<Analysis.Organization> organizations,
        List<Mention> actors) {}
