package org.coopwatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arbitrary text never breaks the classifier, and evidence always indexes the text as given. */
class RobustnessTest {
    private static final Classifier C = Classifier.load();
    private static final String[] PIECES = {
        "भारत", "रूस", "अमरीका", "ने", "को", "पर", "समझौता", "हमला", "धमकी", "दोनों देशों", "।", ".", "\n", "  ",
        "India", "Russia", "U.S.", "signed", "attacked", "both sides", "not", "if", "Росси", "Индия", "подписали",
        "ज़", "\u093c", "\u0901", "\u200d", "😀", "\ud83d", "(फोटो- सोशल मीडिया)", "यह भी पढ़ें:", "Mr.", "3.5", "यू.एस.",
        "\t", "\"", "“", "—", "ё", "É", "\u0301", "राष्ट्रपति", "डोनाल्ड ट्रंप", "President", "Ambassador", "посол"
    };

    @Test
    void randomMixturesClassifyAndKeepOffsets() {
        Random r = new Random(11);
        for (int round = 0; round < 400; round++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                b.append(PIECES[r.nextInt(PIECES.length)]);
                if (r.nextInt(3) > 0) b.append(' ');
            }
            String text = b.toString();
            Analysis a = C.classify(new Article("r" + round, text, r.nextBoolean() ? null : text.toUpperCase(), null));
            assertThat(a.language()).isIn("hi", "en", "ru", "und");
            assertThat(a.countries()).isSorted().doesNotHaveDuplicates();
            for (Analysis.Interaction i : a.interactions()) {
                assertThat(i.evidence().start()).isBetween(0, text.length());
                assertThat(i.evidence().end()).isBetween(i.evidence().start(), text.length());
                assertThat(text.substring(i.evidence().start(), i.evidence().end())).isEqualTo(i.evidence().text());
                assertThat(i.confidence()).isBetween(0.5, 1.0);
                assertThat(i.source()).isNotEqualTo(i.target());
            }
        }
    }

    @Test
    void emptyAndBlankTexts() {
        for (String t : new String[] {"", " ", "\n\n", "।।।", "....", "\u093c"}) {
            Analysis a = C.classify(Article.of("b", t));
            assertThat(a.interactions()).isEmpty();
            assertThat(a.countries()).isEmpty();
        }
    }
}
