package org.coopwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatesTest {

    @Test
    void isoFormsWithAndWithoutOffset() {
        assertThat(Dates.parse("2024-03-06T10:30:00+05:30")).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(Dates.parse("2024-03-06T05:00:00Z")).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(Dates.parse("2024-03-06T05:00:00")).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(Dates.parse("2024-03-06")).isEqualTo(Instant.parse("2024-03-06T00:00:00Z"));
        assertThat(Dates.parse("2024-03-06 05:00:00")).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(Dates.parse("2016-12-20T05:16:13+0300")).isEqualTo(Instant.parse("2016-12-20T02:16:13Z"));
    }

    @Test
    void archiveAndPageForms() {
        assertThat(Dates.parse("Tue, 3 Jun 2008 11:05:30 GMT")).isEqualTo(Instant.parse("2008-06-03T11:05:30Z"));
        assertThat(Dates.parse("26-FEB-1987 16:23:47.79")).isEqualTo(Instant.parse("1987-02-26T16:23:47.790Z"));
        assertThat(Dates.parse("1-MAR-1987 01:49:03.52")).isEqualTo(Instant.parse("1987-03-01T01:49:03.520Z"));
        assertThat(Dates.parse("Jan 01, 2020")).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(Dates.parse("March 5, 2024")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(Dates.parse("5 March 2024")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(Dates.parse("2024/03/05")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(Dates.parse("05.03.2024")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
    }

    @Test
    void ambiguousOrUnknownFormsAreNotGuessed() {
        assertThat(Dates.parse("03/05/2024")).isNull();
        assertThat(Dates.parse("last Tuesday")).isNull();
        assertThat(Dates.parse("   ")).isNull();
        assertThat(Dates.parse("2024-13-45")).isNull();
    }
}
