package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void ratiosUseTheBestReplicaCount() {
        Summary s = new Summary(6000, 400, Map.of(4, 250.0, 1, 300.0, 2, 280.0), 150, 20, 80);
        assertThat(s.bestE2e()).isEqualTo(300.0);
        assertThat(s.bestReplicas()).isEqualTo(1);
        assertThat(s.e2eVsPgbench()).isEqualTo(0.05);
        assertThat(s.e2eVsOwnerOnly()).isEqualTo(0.75);
    }

    private static final Summary.Setup FAST = new Summary.Setup(false, false);

    private static Summary onFast(double pgbench, double ownerOnly, Map<Integer, Double> e2e, double half, double p50, double p99) {
        return new Summary(pgbench, ownerOnly, e2e, half, p50, p99, Summary.Idle.NOT_MEASURED, FAST);
    }

    @Test
    void targetsAreReportedPassMissOrNotMeasured() {
        Summary s = onFast(6000, 4000, Map.of(1, 3000.0, 4, 3100.0), 1550, 20, 99.9);
        assertThat(s.targets()).extracting(Summary.Target::verdict).containsExactly("PASS", "PASS", "PASS", "n/a", "n/a", "n/a");

        Summary slow = onFast(6000, 400, Map.of(1, 300.0, 4, 250.0), 150, 600, 1500);
        assertThat(slow.targets()).extracting(Summary.Target::verdict).containsExactly("MISS", "MISS", "MISS", "n/a", "n/a", "n/a");

        Summary smoke = onFast(6000, 400, Map.of(1, 300.0), 150, 600, 1500);
        assertThat(smoke.targets().get(2).verdict()).isEqualTo("n/a");
    }

    @Test
    void onTheDurableEngineTheTargetsAreAThirdOfPgbenchAnd50Ms() {
        Summary durable = new Summary(6000, 4000, Map.of(1, 2200.0), 1100, 20, 45);
        assertThat(durable.setup()).isEqualTo(Summary.Setup.DEFAULT);
        assertThat(durable.targets().subList(0, 2)).extracting(Summary.Target::verdict).containsExactly("PASS", "PASS");
        Summary slow = new Summary(6000, 4000, Map.of(1, 2000.0), 1000, 20, 60);
        assertThat(slow.targets().subList(0, 2)).extracting(Summary.Target::verdict).containsExactly("MISS", "MISS");
        assertThat(onFast(6000, 4000, Map.of(1, 2000.0), 1000, 20, 60).targets().subList(0, 2))
                .extracting(Summary.Target::verdict).containsExactly("MISS", "PASS");
    }

    @Test
    void idleIsMeasuredAgainstItsTargets() {
        Summary quiet = new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80,
                new Summary.Idle(0.04, 0.01, 0.005, 12, 30, 30, 40, 1));
        assertThat(quiet.targets().subList(3, 6)).extracting(Summary.Target::verdict).containsExactly("PASS", "PASS", "PASS");

        Summary busy = new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80,
                new Summary.Idle(0.53, 0.02, 0.21, 640, 1300, 1300, 341, 1));
        assertThat(busy.targets().subList(3, 6)).extracting(Summary.Target::verdict).containsExactly("MISS", "MISS", "MISS");
        assertThat(busy.line(true)).contains("idle_cpu_share=0.530 idle_jit_share=0.020 idle_broker_cpu_share=0.210 "
                + "idle_broker_msgs_per_s=1300.0").contains("idle_broker_consumers=341");
    }

    @Test
    void onThreeBrokerNodesTheCpuTargetIsTenPercentAndTheMessageTargetHoldsPerNode() {
        Summary cluster = new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80,
                new Summary.Idle(0.08, 0.02, 0.009, 120, 140, 48, 58, 3));
        assertThat(cluster.targets().subList(3, 6)).extracting(Summary.Target::verdict).containsExactly("PASS", "PASS", "PASS");
        assertThat(cluster.line(true)).contains("idle_broker_msgs_per_s=48.0 idle_broker_in_per_s=120.0")
                .contains("idle_broker_nodes=3");
        Summary busyNode = new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80,
                new Summary.Idle(0.08, 0.02, 0.009, 120, 140, 60, 58, 3));
        assertThat(busyNode.targets().get(5).verdict()).isEqualTo("MISS");
    }

    @Test
    void theSummaryLineHoldsTheIssuesKeys() {
        Summary s = new Summary(6000, 400, Map.of(2, 280.0, 1, 300.0), 150, 20, 80);
        assertThat(s.line(true)).startsWith("bench: pgbench_tps=6000 owner_only_per_s=400.0 e2e_per_s_r1=300.0 "
                        + "e2e_per_s_r2=280.0 best_replicas=1 e2e_vs_pgbench=0.050 e2e_vs_owner_only=0.750")
                .contains("lag_p99_ms_at_half_load=80.0").contains("engine=durable services=all")
                .contains("targets_missed=2").endsWith("result=OK");
        assertThat(onFast(6000, 400, Map.of(1, 300.0), 150, 20, 80).line(true)).contains("engine=fast services=pipeline");
        assertThat(s.line(false)).endsWith("result=FAIL");
    }

    @Test
    void postgresWorkPerUpdateIsInTheLineAndNotANumberWhenNotMeasured() {
        Summary measured = new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80, Summary.Idle.NOT_MEASURED,
                Summary.Setup.DEFAULT, new Summary.Pg(3.104, 0.8125));
        assertThat(measured.line(true)).contains(" pg_commits_per_update=3.104 pg_wal_syncs_per_update=0.813 engine=durable");
        assertThat(new Summary(6000, 400, Map.of(1, 300.0), 150, 20, 80).line(true))
                .contains(" pg_commits_per_update=NaN pg_wal_syncs_per_update=NaN ");
    }
}
