package org.coopwatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of docs/event-model.md, with the bundled gazetteer. */
class SeedArticleTest {
    private static String text;
    private static Analysis a;

    @BeforeAll
    static void classify() throws IOException {
        try (InputStream in = SeedArticleTest.class.getResourceAsStream("/seed/india-russia-working-group.hi.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        a = Classifier.load().classify(Article.of("india-russia-working-group", text));
    }

    private static Set<PloverType> types(String x, String y) {
        return a.interactions().stream()
                .filter(i -> Set.of(i.source(), i.target()).equals(Set.of(x, y)))
                .map(Analysis.Interaction::type).collect(Collectors.toSet());
    }

    @Test
    void languageAndCountriesWithoutTheBoilerplateChina() {
        assertThat(a.language()).isEqualTo("hi");
        assertThat(a.countries()).containsExactly("IND", "RUS", "USA");
        assertThat(a.boilerplate()).hasSize(3);
        assertThat(a.boilerplate().get(1)).startsWith("यह भी पढ़ें:");
    }

    @Test
    void indiaRussiaConsultCooperateAgreeWithTheirSectors() {
        assertThat(types("IND", "RUS")).contains(PloverType.CONSULT, PloverType.COOPERATE, PloverType.AGREE)
                .allMatch(PloverType::cooperative);
        Set<String> sectors = a.interactions().stream()
                .filter(i -> Set.of(i.source(), i.target()).equals(Set.of("IND", "RUS")))
                .flatMap(i -> i.sectors().stream()).collect(Collectors.toCollection(TreeSet::new));
        // "सांस्कृतिक सहयोग" belongs to the commission's name, so no education_culture
        assertThat(sectors).containsExactlyInAnyOrder("manufacturing", "aerospace", "mining_metals", "energy", "agriculture",
                "transport", "environment", "defence", "technology", "trade");
    }

    @Test
    void usThreatensIndiaOverTrade() {
        List<Analysis.Interaction> threats = a.interactions().stream()
                .filter(i -> i.type() == PloverType.THREATEN).toList();
        assertThat(threats).hasSize(1);
        Analysis.Interaction t = threats.get(0);
        assertThat(t.source()).isEqualTo("USA");
        assertThat(t.target()).isEqualTo("IND");
        assertThat(t.sectors()).containsExactly("trade");
        assertThat(t.modality()).isEqualTo(Modality.ASSERTED);
        assertThat(types("CHN", "IND")).isEmpty();
    }

    @Test
    void evidenceIndexesTheOriginalText() {
        for (Analysis.Interaction i : a.interactions()) {
            assertThat(text.substring(i.evidence().start(), i.evidence().end())).isEqualTo(i.evidence().text());
            assertThat(i.confidence()).isBetween(0.0, 1.0);
        }
        Analysis.Interaction t = a.interactions().stream().filter(i -> i.type() == PloverType.THREATEN).findFirst().orElseThrow();
        assertThat(t.evidence().text()).contains("टैरिफ की धमकी");
    }

    @Test
    void peopleWithTheirCountriesAndPlaces() {
        Map<String, String> people = a.people().stream()
                .filter(p -> p.country() != null)
                .collect(Collectors.toMap(Analysis.Person::name, Analysis.Person::country, (x, y) -> x));
        assertThat(people).hasEntrySatisfying(key(people, "Amardeep Singh Bhati"), c -> assertThat(c).isEqualTo("IND"));
        assertThat(people).hasEntrySatisfying(key(people, "Alexey Gru"), c -> assertThat(c).isEqualTo("RUS"));
        assertThat(people).hasEntrySatisfying(key(people, "Alexander Fomin"), c -> assertThat(c).isEqualTo("RUS"));
        assertThat(people).hasEntrySatisfying(key(people, "Vinay Kumar"), c -> assertThat(c).isEqualTo("IND"));
        assertThat(people).hasEntrySatisfying(key(people, "Donald Trump"), c -> assertThat(c).isEqualTo("USA"));
        assertThat(a.people().stream().filter(p -> p.name().startsWith("Alexander Fomin")).findFirst().orElseThrow().role())
                .isEqualTo("Deputy Minister of Defence");
        assertThat(a.places()).extracting(Analysis.Place::name).contains("New Delhi", "Moscow");
    }

    private static String key(Map<String, String> people, String prefix) {
        return people.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no person starting with '" + prefix + "' in " + people.keySet()));
    }
}
