package dev.ticketing.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.proof.chaos.Strike;
import dev.ticketing.proof.check.Lag;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTimelineTest {
    private static final long ORIGIN = 1_000_000;
    /** The broker stopped at 2.0 s, was gone at 2.1 s, restarted at 4.1 s and answered at 5.0 s. */
    private static final Strike BROKER = new Strike("nats-server", ORIGIN + 2000, ORIGIN + 2100, ORIGIN + 4100, ORIGIN + 5000, true);
    private static final Strike KILL = new Strike("kill -9 orders-1", ORIGIN + 1500, ORIGIN + 1500, ORIGIN + 1800, ORIGIN + 1810, false);

    @Test
    void aLagIsCountedPastTheEndOfTheOutageItWaitedThrough() {
        LagTimeline t = new LagTimeline(List.of(), List.of(BROKER, KILL), ORIGIN);
        assertThat(t.pastOutages(new Lag(ORIGIN + 3000, 2500))).isEqualTo(500); // written while away
        assertThat(t.pastOutages(new Lag(ORIGIN + 1900, 3300))).isEqualTo(200); // in flight when it stopped
        assertThat(t.pastOutages(new Lag(ORIGIN + 500, 1200))).isEqualTo(1200); // a kill is no outage
        assertThat(t.pastOutages(new Lag(ORIGIN + 2500, 100))).isEqualTo(100); // applied before it came back
    }

    @Test
    void linesBucketByOwnerCommitSecondWithTheStrikes() {
        List<Lag> lags = List.of(new Lag(ORIGIN + 100, 40), new Lag(ORIGIN + 900, 60), new Lag(ORIGIN + 3000, 2500));
        List<String> lines = new LagTimeline(lags, List.of(KILL, BROKER), ORIGIN).lines();
        assertThat(lines.get(2)).matches("\\s+0\\s+2\\s+40\\s+60\\s+60");
        assertThat(lines.get(3)).endsWith("kill -9 orders-1 stop 1.50-1.50 start 1.80-1.81");
        assertThat(lines.get(4)).contains("nats-server stop 2.00-2.10 start 4.10-5.00");
        assertThat(lines.get(5)).matches("\\s+3\\s+1\\s+2500\\s+2500\\s+500");
        assertThat(lines.get(6)).startsWith("lag past the outages").contains("max=500.0 ms");
    }

    @Test
    void aClockStepNamesItsSpansAndIsNoOutage() {
        Strike step = new Strike("orders-1 clock -5 s (10 s back)", ORIGIN + 3000, ORIGIN + 4400, ORIGIN + 8400, ORIGIN + 9900,
                false, "step", "until");
        LagTimeline t = new LagTimeline(List.of(), List.of(step), ORIGIN);
        assertThat(t.lines().get(2)).endsWith("orders-1 clock -5 s (10 s back) step 3.00-4.40 until 8.40-9.90");
        assertThat(t.pastOutages(new Lag(ORIGIN + 2000, 3000))).isEqualTo(3000);
    }
}
