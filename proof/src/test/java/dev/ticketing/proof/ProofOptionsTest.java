package dev.ticketing.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProofOptionsTest {
    private static final Path ROOT = Path.of(".");

    @Test
    void defaultsAreTheCoursesRunWithoutChaos() {
        ProofOptions o = ProofOptions.parse(new String[0], ROOT);
        assertThat(o.tickets()).isEqualTo(200);
        assertThat(o.replicas()).isEqualTo(4);
        assertThat(o.scenario()).isEqualTo("prices");
        assertThat(o.chaos()).isFalse();
    }

    @Test
    void chaosTurnsOnEveryStrike() {
        ProofOptions o = ProofOptions.parse(new String[] {"--chaos", "--tickets", "10000", "--kills", "3"}, ROOT);
        assertThat(o.killEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.brokerOutage()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.pgRestart()).isTrue();
        assertThat(o.maxKills()).isEqualTo(3);
        assertThat(o.tickets()).isEqualTo(10000);
    }

    @Test
    void aDatabaseOutageIsARestartWithTheDatabaseDownThatLong() {
        ProofOptions o = ProofOptions.parse(new String[] {"--scenario", "purchase", "--pg-outage", "300"}, ROOT);
        assertThat(o.pgRestart()).isTrue();
        assertThat(o.pgDown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ProofOptions.parse(new String[] {"--pg-restart"}, ROOT).pgDown()).isZero();
        assertThat(o.scenario()).isEqualTo("purchase");
    }

    @Test
    void aClusterRunKillsABrokerNodeUnderChaosOrTheLeaderWhenAsked() {
        ProofOptions single = ProofOptions.parse(new String[] {"--chaos"}, ROOT);
        assertThat(single.natsNodes()).isEqualTo(1);
        assertThat(single.nodeKill()).isEqualTo(ProofOptions.NodeKill.NONE);

        ProofOptions chaos = ProofOptions.parse(new String[] {"--chaos", "--nats-nodes", "3"}, ROOT);
        assertThat(chaos.streamReplicas()).isEqualTo(3);
        assertThat(chaos.nodeKill()).isEqualTo(ProofOptions.NodeKill.RANDOM);

        ProofOptions leader = ProofOptions.parse(new String[] {"--nats-nodes", "3", "--node-kill", "leader", "--node-down", "8"}, ROOT);
        assertThat(leader.nodeKill()).isEqualTo(ProofOptions.NodeKill.LEADER);
        assertThat(leader.nodeDown()).isEqualTo(Duration.ofSeconds(8));
        assertThat(leader.chaos()).isTrue();
        assertThat(leader.killEvery()).isZero();
    }

    @Test
    void hostCrashesAreOptionsOfTheirOwnAndPartOfChaos() {
        ProofOptions crash = ProofOptions.parse(new String[] {"--broker-crash", "--crash-window", "5"}, ROOT);
        assertThat(crash.brokerCrash()).isTrue();
        assertThat(crash.crashWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(crash.chaos()).isTrue();
        assertThat(crash.crashes()).isEqualTo(1);
        assertThat(crash.killEvery()).isZero();
        assertThat(ProofOptions.parse(new String[0], ROOT).crashWindow()).isEqualTo(Duration.ofSeconds(3));

        ProofOptions single = ProofOptions.parse(new String[] {"--chaos"}, ROOT);
        assertThat(single.brokerCrash()).isTrue();
        assertThat(single.nodeCrash() || single.allNodesCrash()).isFalse();

        ProofOptions cluster = ProofOptions.parse(new String[] {"--chaos", "--nats-nodes", "3"}, ROOT);
        assertThat(cluster.brokerCrash()).isFalse();
        assertThat(cluster.nodeCrash()).isTrue();
        assertThat(cluster.allNodesCrash()).isTrue();
        assertThat(cluster.crashes()).isEqualTo(2);

        ProofOptions powerCut = ProofOptions.parse(new String[] {"--nats-nodes", "3", "--all-nodes-crash"}, ROOT);
        assertThat(powerCut.allNodesCrash()).isTrue();
        assertThat(powerCut.nodeCrash()).isFalse();
    }

    @Test
    void pausesAreOptionsOfTheirOwnAndPartOfChaos() {
        ProofOptions pause = ProofOptions.parse(new String[] {"--pause-replica", "12", "--pause-broker", "2"}, ROOT);
        assertThat(pause.pauseReplica()).isEqualTo(Duration.ofSeconds(12));
        assertThat(pause.pauseBroker()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pause.chaos()).isTrue();
        assertThat(ProofOptions.parse(new String[0], ROOT).pauseReplica()).isZero();

        ProofOptions chaos = ProofOptions.parse(new String[] {"--chaos"}, ROOT);
        assertThat(chaos.pauseReplica()).isEqualTo(Duration.ofSeconds(8));
        assertThat(chaos.pauseBroker()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aClockStepIsAskedForOrPartOfChaos() {
        assertThat(ProofOptions.parse(new String[0], ROOT).clockStep()).isFalse();
        ProofOptions step = ProofOptions.parse(new String[] {"--clock-step"}, ROOT);
        assertThat(step.clockStep()).isTrue();
        assertThat(step.chaos()).isTrue();
        assertThat(step.killEvery()).isZero();
        assertThat(ProofOptions.parse(new String[] {"--chaos"}, ROOT).clockStep()).isTrue();
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--nats-nodes", "3", "--broker-crash"}, ROOT))
                .hasMessageContaining("--all-nodes-crash");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--node-crash"}, ROOT)).hasMessageContaining("--nats-nodes 3");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--all-nodes-crash"}, ROOT)).hasMessageContaining("--nats-nodes 3");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--crash-window", "0"}, ROOT)).hasMessageContaining("--crash-window");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--nats-nodes", "2"}, ROOT)).hasMessageContaining("1 or 3");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--node-kill", "leader"}, ROOT)).hasMessageContaining("--nats-nodes 3");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--nats-nodes", "3", "--node-kill", "x"}, ROOT))
                .hasMessageContaining("random or leader");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--tickets", "-5"}, ROOT)).hasMessageContaining("--tickets");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--replicas"}, ROOT)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--frobnicate"}, ROOT)).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--scenario", "x"}, ROOT)).hasMessageContaining("unknown scenario");
    }

    @Test
    void partitionsNeedTestHostsAndChaosOnHostsStrikesEveryOne() {
        ProofOptions chaos = ProofOptions.parse(new String[] {"--chaos", "--hosts"}, ROOT);
        assertThat(chaos.natsNodes()).isEqualTo(3);
        assertThat(chaos.cuts()).containsExactlyInAnyOrder(ProofOptions.Cut.values());
        assertThat(chaos.nodeCrash()).isTrue();

        ProofOptions two = ProofOptions.parse(new String[] {"--hosts", "--partition", "node,bridge", "--partition-for", "9"}, ROOT);
        assertThat(two.cuts()).containsExactlyInAnyOrder(ProofOptions.Cut.NODE, ProofOptions.Cut.BRIDGE);
        assertThat(two.cutFor()).isEqualTo(Duration.ofSeconds(9));
        assertThat(two.chaos()).isTrue();
        assertThat(two.killEvery()).isZero();

        assertThat(ProofOptions.parse(new String[] {"--hosts"}, ROOT).cuts()).isEmpty();
        assertThat(ProofOptions.parse(new String[] {"--chaos"}, ROOT).cuts()).isEmpty();
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--partition", "node"}, ROOT))
                .hasMessageContaining("--hosts");
        assertThatThrownBy(() -> ProofOptions.parse(new String[] {"--hosts", "--partition", "split"}, ROOT))
                .hasMessageContaining("split");
    }
}
