package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerOptionsTest {
    @Test
    void backoffDoublesUpToTheCap() {
        ListenerOptions o = ListenerOptions.defaults().withDelays(Duration.ofMillis(100), Duration.ofMillis(20),
                Duration.ofMillis(1000));
        assertThat(o.backoff(o.failureBackoff(), 1)).isEqualTo(Duration.ofMillis(100));
        assertThat(o.backoff(o.failureBackoff(), 2)).isEqualTo(Duration.ofMillis(200));
        assertThat(o.backoff(o.failureBackoff(), 4)).isEqualTo(Duration.ofMillis(800));
        assertThat(o.backoff(o.failureBackoff(), 5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(o.backoff(o.notYetDelay(), 1000)).isEqualTo(Duration.ofMillis(1000));
    }
}
