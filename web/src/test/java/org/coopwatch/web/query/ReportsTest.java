package org.coopwatch.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.coopwatch.web.http.HttpError;
import org.junit.jupiter.api.Test;

class ReportsTest {

    static final long DAY = 86_400_000L;
    static final long D0 = Instant.parse("2025-08-20T00:00:00Z").toEpochMilli();

    static Cell cell(String pair, String type, String sector, long start, double balance, String... ids) {
        return new Cell(pair, type, sector, start, start + DAY, ids.length, balance, List.of(ids));
    }

    static CellSource.Gathered gathered(Cell... cells) {
        return new CellSource.Gathered(List.of(cells), List.of("127.0.0.1:1"), "cluster");
    }

    @Test
    void pairWindowsListCountsPerTypeAndSectorAndDistinctArticlesPerWindow() {
        JsonNode r = Reports.pairWindows("IND-RUS", AggregateWindow.DAILY, TimeRange.ALL, gathered(
                // a1 has an AGREE event in two sectors: one article, counted in both cells
                cell("IND-RUS", "AGREE", "energy", D0, 0.9, "a1"),
                cell("IND-RUS", "AGREE", "defence", D0, 1.7, "a1", "a2"),
                cell("IND-RUS", "ACCUSE", "-", D0, -0.5, "a3"),
                cell("IND-RUS", "AGREE", "energy", D0 + DAY, 0.8, "a4")));

        assertThat(r.get("pair").asText()).isEqualTo("IND-RUS");
        assertThat(r.get("window").asText()).isEqualTo("daily");
        assertThat(r.get("scope").asText()).isEqualTo("cluster");
        assertThat(r.get("windows")).hasSize(2);
        JsonNode first = r.get("windows").get(0);
        assertThat(first.get("start").asText()).isEqualTo("2025-08-20T00:00:00Z");
        assertThat(first.get("end").asText()).isEqualTo("2025-08-21T00:00:00Z");
        assertThat(first.get("articles").asLong()).isEqualTo(3);
        assertThat(first.get("cooperativeArticles").asLong()).isEqualTo(2);
        assertThat(first.get("conflictualArticles").asLong()).isEqualTo(1);
        assertThat(first.get("articlesExact").asBoolean()).isTrue();
        assertThat(first.get("counts")).hasSize(3);
        JsonNode c0 = first.get("counts").get(0);
        assertThat(c0.get("type").asText()).isEqualTo("ACCUSE");
        assertThat(c0.get("sector").asText()).isEqualTo("-");
        assertThat(c0.get("cooperative").asBoolean()).isFalse();
        assertThat(c0.get("count").asLong()).isEqualTo(1);
        assertThat(c0.get("balance").asDouble()).isEqualTo(-0.5);
        assertThat(r.get("windows").get(1).get("articles").asLong()).isEqualTo(1);
    }

    @Test
    void sectorsSumOverWindowsAndTypesAndUniteArticles() {
        JsonNode r = Reports.pairSectors("IND-RUS", AggregateWindow.DAILY, TimeRange.ALL, gathered(
                cell("IND-RUS", "AGREE", "energy", D0, 0.9, "a1"),
                cell("IND-RUS", "CONSULT", "energy", D0, 0.8, "a1"),
                cell("IND-RUS", "AGREE", "energy", D0 + DAY, 0.7, "a4"),
                cell("IND-RUS", "AGREE", "defence", D0, 1.7, "a1", "a2"),
                cell("IND-RUS", "ACCUSE", "defence", D0, -0.5, "a3")));

        JsonNode sectors = r.get("sectors");
        assertThat(sectors).hasSize(2);
        JsonNode defence = sectors.get(0);
        // three events (a1 AGREE, a1 CONSULT, a4 AGREE), two articles; ties broken by name
        assertThat(defence.get("sector").asText()).isEqualTo("defence");
        assertThat(defence.get("events").asLong()).isEqualTo(3);
        JsonNode e = sectors.get(1);
        assertThat(e.get("sector").asText()).isEqualTo("energy");
        assertThat(e.get("events").asLong()).isEqualTo(3);
        assertThat(e.get("articles").asLong()).isEqualTo(2);
        assertThat(e.get("cooperative").asLong()).isEqualTo(3);
        assertThat(e.get("conflictual").asLong()).isZero();
        assertThat(e.get("balance").asDouble()).isEqualTo(2.4);
        assertThat(e.get("types").get("AGREE").asLong()).isEqualTo(2);
        assertThat(e.get("types").get("CONSULT").asLong()).isEqualTo(1);
        assertThat(sectors.get(0).get("conflictual").asLong()).isEqualTo(1);
    }

    @Test
    void topPairsCountEachEventOnceWhateverItsSectorsAndRankByEvents() {
        JsonNode r = Reports.topPairs(AggregateWindow.DAILY, new TimeRange(D0, Long.MAX_VALUE), 2, gathered(
                // IND-RUS: a1 AGREE in energy and defence = one event; a2 AGREE defence; a2 ACCUSE = another event
                cell("IND-RUS", "AGREE", "energy", D0, 0.9, "a1"),
                cell("IND-RUS", "AGREE", "defence", D0, 1.7, "a1", "a2"),
                cell("IND-RUS", "ACCUSE", "-", D0, -0.5, "a2"),
                cell("CHN-IND", "THREATEN", "trade", D0, -0.5, "b1"),
                cell("CHN-IND", "AGREE", "trade", D0 + DAY, 0.5, "b2"),
                cell("BRA-IND", "AID", "health", D0, 0.5, "c1")));

        assertThat(r.get("since").asText()).isEqualTo("2025-08-20T00:00:00Z");
        assertThat(r.get("until").isNull()).isTrue();
        assertThat(r.get("pairsInRange").asInt()).isEqualTo(3);
        JsonNode pairs = r.get("pairs");
        assertThat(pairs).hasSize(2);
        JsonNode top = pairs.get(0);
        assertThat(top.get("pair").asText()).isEqualTo("IND-RUS");
        assertThat(top.get("events").asLong()).isEqualTo(3);
        assertThat(top.get("articles").asLong()).isEqualTo(2);
        assertThat(top.get("cooperative").asLong()).isEqualTo(2);
        assertThat(top.get("conflictual").asLong()).isEqualTo(1);
        assertThat(top.get("sectors").get("defence").asLong()).isEqualTo(2);
        assertThat(top.get("sectors").get("energy").asLong()).isEqualTo(1);
        assertThat(top.get("types").get("AGREE").asLong()).isEqualTo(2);
        assertThat(top.get("articlesExact").asBoolean()).isTrue();
        assertThat(pairs.get(1).get("pair").asText()).isEqualTo("CHN-IND");
        assertThat(pairs.get(1).get("events").asLong()).isEqualTo(2);
    }

    @Test
    void whenAWindowTrackedFewerIdsThanItCountedTheTotalsSaySo() {
        Cell capped = new Cell("IND-RUS", "AGREE", "energy", D0, D0 + DAY, 5, 4.0, List.of("a1", "a2"));
        JsonNode r = Reports.topPairs(AggregateWindow.DAILY, TimeRange.ALL, 10, gathered(capped));
        assertThat(r.get("pairs").get(0).get("events").asLong()).isEqualTo(5);
        assertThat(r.get("pairs").get(0).get("articlesExact").asBoolean()).isFalse();
    }

    @Test
    void pairsAndTimesAreParsedLeniently() {
        Clock clock = Clock.fixed(Instant.parse("2025-08-27T12:00:00Z"), ZoneOffset.UTC);
        assertThat(Pairs.normalize("rus-ind")).isEqualTo("IND-RUS");
        assertThat(Pairs.normalize(" IND-RUS ")).isEqualTo("IND-RUS");
        assertThatThrownBy(() -> Pairs.normalize("INDIA-RUSSIA")).isInstanceOf(HttpError.class)
                .hasMessageContaining("ISO 3166-1 alpha-3");
        assertThatThrownBy(() -> Pairs.normalize("IND-IND")).hasMessageContaining("two different countries");
        assertThat(TimeRange.parse("since", "2025-08-20T10:00:00Z", clock)).isEqualTo(D0 + 36_000_000L);
        assertThat(TimeRange.parse("since", "2025-08-20T15:30:00+05:30", clock)).isEqualTo(D0 + 36_000_000L);
        assertThat(TimeRange.parse("since", "2025-08-20", clock)).isEqualTo(D0);
        assertThat(TimeRange.parse("since", "P7D", clock)).isEqualTo(Instant.parse("2025-08-20T12:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> TimeRange.parse("since", "yesterday", clock)).isInstanceOf(HttpError.class)
                .hasMessageContaining("since must be ISO-8601");
        assertThatThrownBy(() -> TimeRange.of("2025-08-21", "2025-08-20", clock)).hasMessageContaining("empty");
        assertThatThrownBy(() -> AggregateWindow.parse("weekly", AggregateWindow.DAILY)).hasMessageContaining("'hourly' or 'daily'");
    }

    @Test
    void windowsOverlappingTheRangeAreSelected() {
        TimeRange r = new TimeRange(D0 + 3_600_000L, D0 + DAY);
        // the daily window starting at D0 overlaps [D0+1h, D0+1d); the next one does not
        assertThat(r.firstWindowStart(DAY)).isEqualTo(D0 - DAY + 3_600_000L + 1);
        assertThat(r.lastWindowStart()).isEqualTo(D0 + DAY - 1);
        assertThat(TimeRange.ALL.firstWindowStart(DAY)).isZero();
    }
}
