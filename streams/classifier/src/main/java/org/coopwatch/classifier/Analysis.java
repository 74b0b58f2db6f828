package org.coopwatch.classifier;

import java.util.List;

/**
 * Everything the classifier found in one article. {@code countries} is sorted and unique;
 * {@code interactions} holds one entry per (ordered pair, type), the best evidence kept.
 */
public record Analysis(
        String language,
        List<String> countries,
        List<Place> places,
        List<Person> people,
        List<Organization> organizations,
        List<Interaction> interactions,
        List<String> boilerplate) {

    public record Place(String name, String country) {}

    public record Person(String name, String country, String role) {}

    public record Organization(String name, String country) {}

    /** Offsets are char indexes into the article text as given ({@code end} exclusive). */
    public record Evidence(String text, int start, int end) {}

    public record Interaction(
            String source,
            String target,
            PloverType type,
            List<String> sectors,
            double confidence,
            Modality modality,
            Evidence evidence) {}
}
