package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerOptionsTest {
    @Test
    void backoffDoublesUpToTheCap() {
        ListenerOptions o = ListenerOptions.defaults().withDelays(Duration.ofMillis(100), Duration.ofMillis(20),
                Duration.ofMillis(1000));
        assertThat(o.failureDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(o.failureDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(o.failureDelay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(o.failureDelay(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(o.notYetDelay(1000)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void notYetHasItsOwnLowCapByDefault() {
        ListenerOptions o = ListenerOptions.defaults();
        assertThat(o.notYetDelay(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(o.notYetDelay(3)).isEqualTo(Duration.ofMillis(80));
        assertThat(o.notYetDelay(50)).isEqualTo(Duration.ofMillis(250));
        assertThat(o.failureDelay(50)).isEqualTo(Duration.ofSeconds(2));
    }
}
