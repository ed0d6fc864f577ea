package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgActivityTest {
    private static final PgActivity.Counters BEFORE = new PgActivity.Counters(1000, 500, 20000, 300, 4_000_000, 900, 400, 250.0);
    private static final PgActivity.Counters AFTER = new PgActivity.Counters(4000, 2500, 58000, 340, 6_400_000, 1900, 1200, 890.0);

    private static PgActivity.Tracked tracked(String query, boolean toplevel, long calls, double millis) {
        return new PgActivity.Tracked("tickets", toplevel, calls, millis, query);
    }

    @Test
    void aPhaseIsTheChangeOfTheCountersOverItsUpdates() {
        PgActivity.Counters d = AFTER.since(BEFORE);
        assertThat(d).isEqualTo(new PgActivity.Counters(3000, 2000, 38000, 40, 2_400_000, 1000, 800, 640.0));
        PgActivity.Use use = new PgActivity.Use(1000, d, true, List.of());
        assertThat(use.commitsPerUpdate()).isEqualTo(3.0);
        assertThat(use.walSyncsPerUpdate()).isEqualTo(0.8);
        assertThat(use.perUpdate(d.walBytes())).isEqualTo(2400.0);
        assertThat(use.writesPerSync()).isEqualTo(2.5);
        assertThat(use.syncMillisPerUpdate()).isEqualTo(0.64);
    }

    @Test
    void withoutFsyncsOrTimingThoseFiguresAreNotMeasured() {
        PgActivity.Counters fast = new PgActivity.Counters(3000, 2000, 38000, 0, 2_400_000, 1000, 0, 0);
        PgActivity.Use use = new PgActivity.Use(1000, fast, false, List.of());
        assertThat(use.walSyncsPerUpdate()).isZero();
        assertThat(use.writesPerSync()).isNaN();
        assertThat(use.syncMillisPerUpdate()).isNaN();
        assertThat(new PgActivity.Use(0, fast, false, List.of()).commitsPerUpdate()).isNaN();
    }

    @Test
    void theTopStatementsAreThoseWithTheMostTimeAndTheTotalsCountTopLevelOnes() {
        List<PgActivity.Tracked> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) all.add(tracked("select " + i, true, 10, i));
        all.add(tracked("update inside a function", false, 500, 100));
        PgActivity.Use use = new PgActivity.Use(100, AFTER.since(BEFORE), true, all);
        assertThat(use.top()).hasSize(PgActivity.TOP);
        assertThat(use.top()).extracting(PgActivity.Tracked::query)
                .startsWith("update inside a function", "select 11", "select 10").doesNotContain("select 1", "select 0");
        assertThat(use.calls()).isEqualTo(120);
        assertThat(use.execMillis()).isEqualTo(66.0);
        assertThat(tracked("select 3", true, 4, 10).meanMillis()).isEqualTo(2.5);
    }

    @Test
    void aQueryIsShownOnOneLineCutAndSafeInATable() {
        assertThat(tracked("select a\n     from t\twhere x = $1  ", true, 1, 1).shortQuery()).isEqualTo("select a from t where x = $1");
        assertThat(tracked("select a || b from t", true, 1, 1).shortQuery()).isEqualTo("select a \\|\\| b from t");
        String cut = tracked("select " + "x, ".repeat(100) + "y from t", true, 1, 1).shortQuery();
        assertThat(cut).hasSize(PgActivity.QUERY_CHARS).startsWith("select x, x,").endsWith("...");
    }
}
