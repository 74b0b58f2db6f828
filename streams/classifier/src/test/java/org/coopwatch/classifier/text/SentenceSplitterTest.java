package org.coopwatch.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter(List.of("en", "hi", "ru"));

    private List<String> split(String text) {
        return splitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void splitsOnDandaAndGluedDots() {
        assertThat(split("भारत और रूस ने बात की। दोनों देशों ने समझौता किया।"))
                .containsExactly("भारत और रूस ने बात की।", "दोनों देशों ने समझौता किया।");
        assertThat(split("पहला वाक्य है.दूसरा वाक्य है."))
                .containsExactly("पहला वाक्य है.", "दूसरा वाक्य है.");
    }

    @Test
    void keepsAbbreviationsInitialsAndNumbers() {
        assertThat(split("Mr. Smith met U.S. officials. Growth was 3.5 pct. It rose."))
                .containsExactly("Mr. Smith met U.S. officials.", "Growth was 3.5 pct.", "It rose.");
        assertThat(split("Т.е. он приехал в 2020 г. в Москву. Потом уехал."))
                .containsExactly("Т.е. он приехал в 2020 г. в Москву.", "Потом уехал.");
        assertThat(split("विदेश मंत्री एस. जयशंकर ने कहा। ठीक है।"))
                .containsExactly("विदेश मंत्री एस. जयशंकर ने कहा।", "ठीक है।");
    }

    @Test
    void questionAndExclamationMarks() {
        assertThat(split("Will they sign? Yes! Done.")).containsExactly("Will they sign?", "Yes!", "Done.");
    }

    @Test
    void headlineLineIsItsOwnSentence() {
        assertThat(split("India Russia ties\nभारत और रूस ने बात की।"))
                .containsExactly("India Russia ties", "भारत और रूस ने बात की।");
    }

    @Test
    void hardWrappedLinesJoinUntilAParagraphStarts() {
        String text = "Showers continued throughout the week in the region of\n"
                + "Bahia cocoa zone, alleviating the drought since early\n"
                + "January and improving prospects for the coming harvest\n"
                + "although normal humidity levels have not been restored.\n"
                + "    The dry period means the temporao will be late this year.\n";
        List<String> s = split(text);
        assertThat(s).hasSize(2);
        assertThat(s.get(0)).startsWith("Showers").endsWith("restored.");
    }
}
