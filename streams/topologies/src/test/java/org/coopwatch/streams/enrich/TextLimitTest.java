package org.coopwatch.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextLimitTest {

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void shortTextIsKept() {
        assertThat(TextLimit.truncate("भारत-रूस", 1024)).isEqualTo("भारत-रूस");
    }

    @Test
    void cutsAtTheByteLimitCountingUtf8() {
        String hindi = "भारत".repeat(100); // 3 bytes a char
        String cut = TextLimit.truncate(hindi, 100);
        assertThat(utf8(cut)).isLessThanOrEqualTo(100).isGreaterThan(96);
        assertThat(hindi).startsWith(cut);
        assertThat(TextLimit.truncate("a".repeat(500), 100)).hasSize(100);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "a" + "😀".repeat(50); // 1 + 4 bytes each
        String cut = TextLimit.truncate(emoji, 10);
        assertThat(cut).isEqualTo("a😀😀");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }
}
