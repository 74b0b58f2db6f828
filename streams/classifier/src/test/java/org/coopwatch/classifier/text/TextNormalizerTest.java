package org.coopwatch.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private final TextNormalizer n = new TextNormalizer(List.<String[]>of(new String[] {"इसराइल", "इजराइल"}));

    @Test
    void foldsNuktaBothPrecomposedAndCombining() {
        assertThat(n.normalize("ज़").lower).isEqualTo("ज");
        assertThat(n.normalize("\u095b").lower).isEqualTo("ज");
        assertThat(n.normalize("इज़राइल").lower).isEqualTo(n.normalize("इसराइल").lower);
    }

    @Test
    void foldsNasalClustersChandrabinduAndVowelLength() {
        assertThat(n.normalize("हिन्दी").lower).isEqualTo(n.normalize("हिंदी").lower);
        assertThat(n.normalize("यूगांडा").lower).isEqualTo(n.normalize("युगाँडा").lower);
    }

    @Test
    void foldsCaseYoQuotesDashesAndLatinDiacritics() {
        assertThat(n.normalize("Ёлка “Côte” – İ").lower).isEqualTo("елка \"cote\" - i");
    }

    @Test
    void offsetsMapBackToTheOriginal() {
        String text = "नई दिल्ली में इसराइल के “PM”";
        NormalizedText t = n.normalize(text);
        int i = t.lower.indexOf("इजराइल");
        assertThat(text.substring(t.originalStart(i), t.originalEnd(i + "इजराइल".length()))).isEqualTo("इसराइल");
        int q = t.lower.indexOf("pm");
        assertThat(text.substring(t.originalStart(q), t.originalEnd(q + 2))).isEqualTo("PM");
        assertThat(t.originalEnd(t.length())).isEqualTo(text.length());
    }

    @Test
    void droppedCharsKeepLaterOffsetsRight() {
        String text = "पाक\u093cिस्तान, India";
        NormalizedText t = n.normalize(text);
        int i = t.lower.indexOf("india");
        assertThat(text.substring(t.originalStart(i), t.originalEnd(i + 5))).isEqualTo("India");
    }

    @Test
    void devanagariAbbreviationDotsGoSentenceDotsStay() {
        assertThat(n.normalize("यू.एस. और यू.के के साथ").lower).isEqualTo(n.normalize("यूएस और यूके के साथ").lower);
        assertThat(n.normalize("हैं.पिछले").lower).isEqualTo(n.normalize("हैं").lower + "." + n.normalize("पिछले").lower);
        assertThat(n.normalize("एस. जयशंकर").lower).startsWith("एस.");
    }
}
