package org.coopwatch.classifier.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransliteratorTest {
    private final Transliterator t = new Transliterator();

    @Test
    void devanagariNamesWithSchwaDeletion() {
        assertThat(t.toLatin("अमरदीप सिंह भाटिया")).isEqualTo("Amardeep Singh Bhatiya");
        assertThat(t.toLatin("विनय कुमार")).isEqualTo("Vinay Kumar");
        assertThat(t.toLatin("फोमिन")).isEqualTo("Fomin");
        assertThat(Transliterator.devanagari("ग्रुजदेव")).isEqualTo("grujdev");
        assertThat(Transliterator.devanagari("कमल")).isEqualTo("kamal");
    }

    @Test
    void nuktaAndAnusvara() {
        assertThat(Transliterator.devanagari("ज़ैदी")).isEqualTo("zaidi");
        assertThat(Transliterator.devanagari("चंपा")).isEqualTo("champa");
    }

    @Test
    void cyrillicNames() {
        assertThat(t.toLatin("Сергей Лавров")).isEqualTo("Sergey Lavrov");
        assertThat(t.toLatin("Дмитрий Песков")).isEqualTo("Dmitry Peskov");
        assertThat(t.toLatin("Евгений Шойгу")).isEqualTo("Yevgeny Shoygu");
    }

    @Test
    void latinStaysAsItIs() {
        assertThat(t.toLatin("Vinay  Kumar")).isEqualTo("Vinay Kumar");
    }
}
