package org.coopwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SightingsTest {

    static final long QUIET = 30;

    @Test
    void thinningNeverChangesAnAnswer() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            Sightings thin = Sightings.none();
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long t = random.nextInt(1000);
                // the question asked before each sighting is recorded, as the processor does
                assertThat(thin.quietAround(t, QUIET)).as("round %d, t=%d, all=%s", round, t, all).isEqualTo(quietAround(all, t));
                if (thin.quietAround(t, QUIET)) {
                    assertThat(thin.lastBefore(t)).isEqualTo(lastBefore(all, t));
                }
                thin = thin.add(t, QUIET);
                all.add(t);
            }
            assertThat(thin.times()).isSorted().hasSizeLessThanOrEqualTo(Sightings.MAX);
        }
    }

    @Test
    void keepsFewTimesForADenseHistory() {
        Sightings s = Sightings.none();
        for (long t = 0; t < 1000; t += 5) s = s.add(t, QUIET);
        // 200 sightings; fewer than one per quiet period is enough to answer every question
        assertThat(s.times()).hasSizeBetween(2, 1000 / (int) QUIET).startsWith(0L).endsWith(995L);
        assertThat(s.add(995, QUIET)).isSameAs(s);
    }

    static boolean quietAround(List<Long> all, long t) {
        return all.stream().noneMatch(s -> Math.abs(s - t) < QUIET);
    }

    static OptionalLong lastBefore(List<Long> all, long t) {
        return all.stream().filter(s -> s < t).mapToLong(Long::longValue).max();
    }
}
