package org.coopwatch.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every bundled data line must load: a skipped line is a silent loss of coverage. */
class BundledDataTest {
    @Test
    void allDataLinesLoad() {
        Classifier c = Classifier.load();
        assertThat(c.dataWarnings()).isEmpty();
        assertThat(c.lexiconForms()).isGreaterThan(1000);
        assertThat(c.gazetteerForms()).isGreaterThan(500);
    }
}
