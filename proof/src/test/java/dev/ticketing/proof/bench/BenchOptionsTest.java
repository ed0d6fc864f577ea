package dev.ticketing.proof.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    private static final Path ROOT = Path.of("/checkout");

    @Test
    void defaultsMeasureOneTwoAndFourReplicasOnThisCheckout() {
        BenchOptions o = BenchOptions.parse(new String[0], ROOT);
        assertThat(o.replicas()).containsExactly(1, 2, 4);
        assertThat(o.maxReplicas()).isEqualTo(4);
        assertThat(o.updates()).isEqualTo(10000);
        assertThat(o.pgbenchClients()).isEqualTo(8);
        assertThat(o.servicesRoot()).isEqualTo(ROOT);
        assertThat(o.outboxRetention()).isNull();
        assertThat(o.smoke()).isFalse();
        assertThat(o.firstWarmup()).isEqualTo(20000);
        assertThat(o.idleSettle()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.pgProfile()).isFalse();
    }

    @Test
    void pgProfileIsAnOptionOfItsOwnAndTheHelpNamesIt() {
        BenchOptions o = BenchOptions.parse(new String[] {"--smoke", "--pg-profile"}, ROOT);
        assertThat(o.pgProfile()).isTrue();
        assertThat(o.smoke()).isTrue();
        assertThat(o.fast()).isFalse();
        assertThat(BenchOptions.USAGE).contains("--pg-profile");
    }

    @Test
    void theIdlePhaseCanSettleLongerSoThatItMeasuresTheJvmsOnceTheyStoppedCompiling() {
        BenchOptions o = BenchOptions.parse(new String[] {"--idle-settle", "300", "--idle", "120"}, ROOT);
        assertThat(o.idleSettle()).isEqualTo(Duration.ofSeconds(300));
        assertThat(o.idle()).isEqualTo(Duration.ofSeconds(120));
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--idle-settle", "-1"}, ROOT))
                .hasMessageContaining("--idle-settle");
    }

    @Test
    void smokeIsTinyButAnExplicitOptionStillWinsWhateverItsPlace() {
        BenchOptions o = BenchOptions.parse(new String[] {"--updates", "400", "--smoke"}, ROOT);
        assertThat(o.smoke()).isTrue();
        assertThat(o.updates()).isEqualTo(400);
        assertThat(o.replicas()).containsExactly(1);
        assertThat(o.pgbenchSeconds()).isEqualTo(2);
        assertThat(o.warmup()).isEqualTo(50);
        assertThat(o.firstWarmup()).isEqualTo(100);
        assertThat(o.idleSettle()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void replicaListsAreSortedWithoutRepeatsAndPathsResolveAgainstTheCheckout() {
        BenchOptions o = BenchOptions.parse(new String[] {"--replicas", "4, 1,2,1", "--services-root", "../main",
                "--outbox-retention", "30", "--warmup", "0", "--updates", "10"}, ROOT);
        assertThat(o.replicas()).isEqualTo(List.of(1, 2, 4));
        assertThat(o.servicesRoot()).isEqualTo(Path.of("/main"));
        assertThat(o.outboxRetention()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.warmup()).isZero();
    }

    @Test
    void warmUpNeverExceedsTheTickets() {
        assertThat(BenchOptions.parse(new String[] {"--updates", "100"}, ROOT).warmup()).isEqualTo(100);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--replicas", "1,x"}, ROOT)).hasMessageContaining("--replicas");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--replicas", "0"}, ROOT)).hasMessageContaining("--replicas");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--updates", "0"}, ROOT)).hasMessageContaining("--updates");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--clients"}, ROOT)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--turbo"}, ROOT)).hasMessageContaining("unknown option");
    }
}
