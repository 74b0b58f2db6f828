package org.coopwatch.classifier;

import java.util.List;

/**
 * Everything the classifier found in one article. {@code countries} is sorted and unique;
 * {@code interactions} holds one entry per (ordered pair, type), the best evidence kept;
 * {@code countryEvidence}, when asked for ({@code classify(article, true)}), has one entry per country, in the
 * order of {@code countries}; otherwise it is empty.
 */
public record Analysis(
        String language,
        List<String> countries,
        List<Place> places,
        List<Person> people,
        List<Organization> organizations,
        List<Interaction> interactions,
        List<String> boilerplate,
        List<CountryEvidence> countryEvidence) {

    /** Without the per-country evidence (callers that only need the contract's fields). */
    public Analysis(String language, List<String> countries, List<Place> places, List<Person> people,
                    List<Organization> organizations, List<Interaction> interactions, List<String> boilerplate) {
        this(language, countries, places, people, organizations, interactions, boilerplate, List.of());
    }

    public record Place(String name, String country) {}

    public record Person(String name, String country, String role) {}

    public record Organization(String name, String country) {}

    /** Offsets are char indexes into the article text as given ({@code end} exclusive). */
    public record Evidence(String text, int start, int end) {}

    /**
     * Why a country is listed: how often the text names it (names, demonyms, office-holders, state
     * bodies), whether the headline does, whether it is a party to an event, and its first mention
     * ({@code null} when only the headline or an event's scene names it). A consumer that wants the
     * countries an article is mainly about (wire-service place tags) can rank on these.
     */
    public record CountryEvidence(String country, int mentions, boolean headline, boolean party, Evidence first) {}

    public record Interaction(
            String source,
            String target,
            PloverType type,
            List<String> sectors,
            double confidence,
            Modality modality,
            Evidence evidence) {}
}
