package org.coopwatch.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesHumanSizesInBinaryUnits() {
        assertThat(Sizes.parse("2MB")).isEqualTo(2L << 20);
        assertThat(Sizes.parse("2 MiB")).isEqualTo(2L << 20);
        assertThat(Sizes.parse("512k")).isEqualTo(512L << 10);
        assertThat(Sizes.parse("1.5m")).isEqualTo(3L << 19);
        assertThat(Sizes.parse("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> Sizes.parse("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> Sizes.parse("-1MB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsSizesForPeople() {
        assertThat(Sizes.human(1)).isEqualTo("1 byte");
        assertThat(Sizes.human(1000)).isEqualTo("1000 bytes");
        assertThat(Sizes.human(2L << 20)).isEqualTo("2 MiB");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
    }

    @Test
    void countsUtf8BytesWithoutEncoding() {
        assertThat(Sizes.utf8Length("abc")).isEqualTo(3);
        assertThat(Sizes.utf8Length("é")).isEqualTo(2);
        assertThat(Sizes.utf8Length("भारत")).isEqualTo(12);
        assertThat(Sizes.utf8Length("😀")).isEqualTo(4);
    }

    @Test
    void theLimitMustBeSane() {
        assertThatThrownBy(() -> ReadOptions.defaults().withMaxTextBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReadOptions.defaults().maxTextBytes()).isEqualTo(2L << 20);
    }
}
