package org.coopwatch.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void aFrameHasIdEventOneDataLinePerLineAndABlankLine() {
        assertThat(SseFrames.frame("7", "alert", "{\"a\":1}")).isEqualTo("id: 7\nevent: alert\ndata: {\"a\":1}\n\n");
        assertThat(SseFrames.frame(null, "aggregates", "x")).isEqualTo("event: aggregates\ndata: x\n\n");
    }

    @Test
    void lineBreaksInTheDataCannotEndTheFrameEarly() {
        // any of CR, LF, CRLF would otherwise start a new field or dispatch the event
        assertThat(SseFrames.frame("1", "event", "one\ntwo\r\nthree\rfour"))
                .isEqualTo("id: 1\nevent: event\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
        assertThat(SseFrames.frame("1", "event", "ends\n")).isEqualTo("id: 1\nevent: event\ndata: ends\ndata: \n\n");
        assertThatThrownBy(() -> SseFrames.frame("1", "bad\nname", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseFrames.frame("1\r", "event", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentsAndRetry() {
        assertThat(SseFrames.comment("ping")).isEqualTo(": ping\n\n");
        assertThat(SseFrames.comment("a\nb")).isEqualTo(": a b\n\n");
        assertThat(SseFrames.retry(3000)).isEqualTo("retry: 3000\n\n");
    }
}
