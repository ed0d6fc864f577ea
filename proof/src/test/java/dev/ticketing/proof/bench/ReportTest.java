package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static Phase phase(String name, int replicas, PgActivity.Use pg) {
        return new Phase(name, replicas, pg == null ? 300 : pg.updates(), 0, null, null, null, null, pg);
    }

    private static final PgActivity.Counters DURABLE = new PgActivity.Counters(3100, 2000, 38000, 40, 2_400_000, 1000, 800, 640.0);

    @Test
    void thePostgresTableHasARowPerMeasuredPhase() {
        PgActivity.Use r1 = new PgActivity.Use(1000, DURABLE, false, List.of());
        PgActivity.Use r4 = new PgActivity.Use(1000, DURABLE, true, List.of());
        String table = Report.pg(List.of(phase("(b) owner only", 0, null), phase("(c) pipeline", 1, r1),
                phase("(c) pipeline", 4, r4))).render();
        List<String> rows = table.lines().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains("| commits |", "| WAL fsyncs |", "| writes per fsync |", "| fsync ms |");
        assertThat(rows.get(2)).matches("\\| \\(c\\) pipeline +\\| 1 +\\| 3\\.10 +\\| 2\\.00 +\\| 38\\.0 +\\| 0\\.04 +\\| 2400 +"
                + "\\| 1\\.000 +\\| 0\\.800 +\\| 2\\.50 +\\| - +\\|");
        assertThat(rows.get(3)).startsWith("| (c) pipeline | 4 ").endsWith("| 0.640    |");
        assertThat(table).doesNotContain("owner only");
    }

    @Test
    void theStatementTableShowsCallsAndTimePerUpdate() {
        PgActivity.Use use = new PgActivity.Use(200, DURABLE, true, List.of(
                new PgActivity.Tracked("orders", true, 400, 50, "select * from tickets where id = $1 for update"),
                new PgActivity.Tracked("tickets", false, 200, 80, "update outbox set sent_at = now()")));
        List<String> rows = Report.statements(use).render().lines().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(2)).startsWith("| tickets  | 1.000            | 0.400   | 0.400         | (nested) update outbox");
        assertThat(rows.get(3)).startsWith("| orders   | 2.000            | 0.125   | 0.250         | select * from tickets");
    }
}
