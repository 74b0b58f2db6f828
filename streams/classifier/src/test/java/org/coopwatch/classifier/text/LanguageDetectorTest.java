package org.coopwatch.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private final LanguageDetector d = new LanguageDetector();

    @Test
    void scriptsDecideHindiAndRussian() {
        assertThat(d.detect("भारत और रूस के बीच रक्षा समझौता")).isEqualTo("hi");
        assertThat(d.detect("Россия и Индия подписали соглашение")).isEqualTo("ru");
    }

    @Test
    void hindiArticleWithEnglishHeadlineIsHindi() {
        assertThat(d.detect("India Russia Trade Relations: वाणिज्य एवं उद्योग मंत्रालय ने एक आधिकारिक बयान में कहा")).isEqualTo("hi");
    }

    @Test
    void romanisedHindiIsHindiAndEnglishIsEnglish() {
        assertThat(d.detect("Bharat aur Rus ke beech raksha samjhauta")).isEqualTo("hi");
        assertThat(d.detect("India and Russia sign a defence pact")).isEqualTo("en");
        assertThat(d.detect("Modi meets Putin")).isEqualTo("en");
        assertThat(d.detect("Modi met Putin")).isEqualTo("en");
    }

    @Test
    void otherLanguagesAndEmptyTextAreUndetermined() {
        assertThat(d.detect("Die Regierung und der Kanzler haben das nicht gesagt")).isEqualTo("und");
        assertThat(d.detect("Україна і Європа: її шлях")).isEqualTo("und");
        assertThat(d.detect("12345 !!!")).isEqualTo("und");
        assertThat(d.detect("中国和印度")).isEqualTo("und");
    }
}
