package org.coopwatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PLOVER type and every sector in every language, on hand-written news-style sentences
 * ({@code coverage/sentences.tsv}), with the bundled lexicons and gazetteers: the dev sets cover few
 * types, and unseen articles use all of them.
 */
class TypeCoverageTest {
    private static final Classifier C = Classifier.load();

    static Stream<Arguments> sentences() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        TypeCoverageTest.class.getResourceAsStream("/coverage/sentences.tsv"), "coverage/sentences.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 6) throw new IllegalStateException("coverage/sentences.tsv: 6 columns expected: " + line);
                rows.add(Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {3} {1}>{2} [{4}]: {5}")
    @MethodSource("sentences")
    void findsTheTypeThePairAndTheSector(
            String lang, String source, String target, String type, String sector, String sentence) {
        Analysis a = C.classify(Article.of("coverage", sentence));
        assertThat(a.language()).isEqualTo(lang);
        List<String> found = a.interactions().stream()
                .map(i -> i.source() + ">" + i.target() + ":" + i.type() + i.sectors())
                .toList();
        if (type.equals("NONE")) {
            assertThat(found).as("no asserted event in: %s", sentence).isEmpty();
            return;
        }
        boolean either = target.startsWith("*");
        String other = either ? target.substring(1) : target;
        List<Analysis.Interaction> matching = a.interactions().stream()
                .filter(i -> i.type().name().equals(type))
                .filter(i -> (i.source().equals(source) && i.target().equals(other))
                        || (either && i.source().equals(other) && i.target().equals(source)))
                .toList();
        assertThat(matching).as("%s %s>%s in: %s (found %s)", type, source, target, sentence, found).isNotEmpty();
        if (!sector.equals("-")) {
            assertThat(matching.get(0).sectors()).as("sectors of %s in: %s", type, sentence).contains(sector);
        }
    }

    @org.junit.jupiter.api.Test
    void everyPartyOfAnEventIsAmongTheCountries() {
        for (String text : java.util.List.of(
                "Thousands protested outside the US embassy in Tehran.",
                "Тысячи человек вышли на акцию протеста у посольства США в Тегеране.",
                "The United States threatened India with tariffs on steel.")) {
            Analysis a = C.classify(Article.of("t", text));
            assertThat(a.interactions()).as(text).isNotEmpty();
            for (Analysis.Interaction i : a.interactions()) {
                assertThat(a.countries()).as(text).contains(i.source(), i.target());
            }
        }
    }
}
