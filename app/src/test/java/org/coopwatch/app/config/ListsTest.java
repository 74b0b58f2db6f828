package org.coopwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListsTest {

    @Test
    void urlsSplitOnCommasAndSpacesBeforeASchemeOnly() {
        assertThat(Lists.urls("https://a/x,https://b/y?q=1,2 ,  http://c/ , ")).containsExactly(
                "https://a/x", "https://b/y?q=1,2", "http://c/");
        assertThat(Lists.urls("")).isEmpty();
        assertThat(Lists.urls(null)).isEmpty();
        assertThat(Lists.urls("not-a-url, https://b")).containsExactly("not-a-url", "https://b");
    }

    @Test
    void headersSplitBeforeANameAndColonOrAtLineBreaks() {
        assertThat(Lists.headers("Authorization: Bearer a,b, X-Key: v")).containsExactly(
                "Authorization: Bearer a,b", "X-Key: v");
        List<String> flags = List.of("Authorization: Basic x, y: z", "X-Team: desk");
        // flags keep their commas: they are joined by line breaks
        assertThat(Lists.headers(Lists.joinHeaders(flags))).containsExactly("Authorization: Basic x, y: z", "X-Team: desk");
        assertThat(Lists.headers("A: 1\nB: 2,3")).containsExactly("A: 1", "B: 2,3");
    }
}
