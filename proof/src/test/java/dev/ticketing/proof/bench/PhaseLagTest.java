package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseLagTest {
    private static PhaseLag.Written w(long version, double at) {
        return new PhaseLag.Written(version, at);
    }

    @Test
    void lagPerTicketAndTheRateFromFirstCommitToLastApply() {
        PhaseLag lag = PhaseLag.of(Map.of("a", w(2, 1000), "b", w(2, 1500), "c", w(3, 2000)),
                Map.of("a", w(2, 1010), "b", w(2, 1600), "c", w(2, 900)));
        assertThat(lag.updates()).isEqualTo(3);
        assertThat(lag.lagsMillis()).containsExactlyInAnyOrder(10.0, 100.0);
        assertThat(lag.unmatched()).isEqualTo(1);
        assertThat(lag.lastReplicaMs()).isEqualTo(1600);
        assertThat(lag.replicatedPerSecond()).isEqualTo(3 / 0.6);
        assertThat(lag.ownerCommitsPerSecond()).isEqualTo(3.0);
    }

    @Test
    void withoutAReplicaOnlyTheOwnerCounts() {
        PhaseLag lag = PhaseLag.of(Map.of("a", w(1, 0), "b", w(1, 500)), null);
        assertThat(lag.lagsMillis()).isEmpty();
        assertThat(lag.unmatched()).isZero();
        assertThat(lag.ownerCommitsPerSecond()).isEqualTo(4.0);
    }
}
