package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(2);

    @Test
    void doublesPerAttemptFromTheFirstDelay() {
        assertThat(Backoff.delay(FIRST, 1, CAP)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(FIRST, 2, CAP)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.delay(FIRST, 4, CAP)).isEqualTo(Duration.ofMillis(800));
        assertThat(Backoff.delay(FIRST, 0, CAP)).as("no attempt yet counts as the first").isEqualTo(FIRST);
    }

    @Test
    void neverExceedsTheCapEvenAfterManyAttempts() {
        assertThat(Backoff.delay(FIRST, 5, CAP)).isEqualTo(Duration.ofMillis(1600));
        assertThat(Backoff.delay(FIRST, 6, CAP)).isEqualTo(CAP);
        assertThat(Backoff.delay(FIRST, 1_000_000, CAP)).isEqualTo(CAP);
    }

    @Test
    void nextDoublesTheCurrentDelayUpToTheCap() {
        assertThat(Backoff.next(FIRST, CAP)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.next(Duration.ofMillis(1500), CAP)).isEqualTo(CAP);
        assertThat(Backoff.next(CAP, CAP)).isEqualTo(CAP);
    }
}
