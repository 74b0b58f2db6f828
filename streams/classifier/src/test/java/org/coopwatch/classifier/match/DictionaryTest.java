package org.coopwatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopwatch.classifier.data.Term;
import org.coopwatch.classifier.text.TextNormalizer;
import org.junit.jupiter.api.Test;

class DictionaryTest {
    private final TextNormalizer norm = new TextNormalizer(List.<String[]>of(new String[] {"अमरीका", "अमेरिका"}));

    private static Term country(String iso) {
        return new Term(Term.Kind.COUNTRY, iso, iso, "name", "en");
    }

    private List<String> found(Dictionary d, String text) {
        return d.match(norm.normalize(text)).stream()
                .map(m -> m.term().value() + ":" + text.substring(norm.normalize(text).originalStart(m.start()),
                        norm.normalize(text).originalEnd(m.end())))
                .toList();
    }

    @Test
    void wholeWordByDefault() {
        Dictionary d = new Dictionary.Builder(norm).add("India", country("IND")).add("भारत", country("IND")).build();
        assertThat(found(d, "India and Indiana; भारतीय; भारत-रूस")).containsExactly("IND:India", "IND:भारत");
    }

    @Test
    void stemMatchesInflectedWords() {
        Dictionary d = new Dictionary.Builder(norm).add("Росси*", country("RUS")).add("भारतीय*", country("IND")).build();
        assertThat(found(d, "из России и भारतीयों")).containsExactly("RUS:России", "IND:भारतीयों");
    }

    @Test
    void caseSensitiveForms() {
        Dictionary d = new Dictionary.Builder(norm).add("=US", country("USA")).add("=Chad", country("TCD")).build();
        assertThat(found(d, "the US told us about Chad and chad")).containsExactly("USA:US", "TCD:Chad");
    }

    @Test
    void spellingVariantsAndNuktaFoldToOneForm() {
        Dictionary d = new Dictionary.Builder(norm).add("अमेरिका", country("USA")).add("पाकिस्तान", country("PAK")).build();
        // अमरीका is a variant; पाक़िस्तान carries a nukta
        assertThat(found(d, "अमरीका और पाक़िस्तान")).containsExactly("USA:अमरीका", "PAK:पाक़िस्तान");
    }

    @Test
    void innerStemsInMultiWordForms() {
        Term t = new Term(Term.Kind.TRIGGER, "COOPERATE", null, null, "ru");
        Dictionary d = new Dictionary.Builder(norm).add("совместн* разработк*", t).build();
        assertThat(found(d, "о совместной разработке двигателя")).containsExactly("COOPERATE:совместной разработке");
    }

    @Test
    void formsEndingInPunctuationNeedNoBoundary() {
        Dictionary d = new Dictionary.Builder(norm).add("Sino-", country("CHN")).add("U.S.", country("USA")).build();
        assertThat(found(d, "Sino-Indian ties and U.S. policy")).containsExactly("CHN:Sino-", "USA:U.S.");
    }
}
