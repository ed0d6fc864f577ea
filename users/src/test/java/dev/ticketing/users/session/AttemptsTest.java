package dev.ticketing.users.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptsTest {
    private static final SessionProperties LIMITS =
            new SessionProperties(Duration.ofHours(8), false, 3, Duration.ofMinutes(15), Duration.ofSeconds(60));
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void theFirstAttemptOpensAWindow() {
        Attempts a = Attempts.NONE.withAttempt(T0, LIMITS);
        assertThat(a).isEqualTo(new Attempts(1, T0.plus(Duration.ofMinutes(15)), null));
        assertThat(a.lockedFor(T0)).isZero();
    }

    @Test
    void reachingTheLimitInTheWindowLocksForTheLockOut() {
        Attempts a = Attempts.NONE.withAttempt(T0, LIMITS).withAttempt(T0.plusSeconds(1), LIMITS)
                .withAttempt(T0.plusSeconds(2), LIMITS);
        assertThat(a.failures()).isEqualTo(3);
        assertThat(a.lockedUntil()).isEqualTo(T0.plusSeconds(62));
        assertThat(a.lockedFor(T0.plusSeconds(12))).isEqualTo(Duration.ofSeconds(50));
        assertThat(a.lockedFor(T0.plusSeconds(62))).isZero();
    }

    @Test
    void anEndedWindowStartsCountingAgain() {
        Attempts two = Attempts.NONE.withAttempt(T0, LIMITS).withAttempt(T0.plusSeconds(1), LIMITS);
        Attempts later = two.withAttempt(T0.plus(Duration.ofMinutes(15)), LIMITS);
        assertThat(later.failures()).isEqualTo(1);
        assertThat(later.lockedUntil()).isNull();
    }

    @Test
    void afterAServedLockOutTheCountStartsAgain() {
        Attempts locked = new Attempts(3, T0.plus(Duration.ofMinutes(15)), T0.plusSeconds(60));
        Attempts after = locked.withAttempt(T0.plusSeconds(61), LIMITS);
        assertThat(after).isEqualTo(new Attempts(1, T0.plusSeconds(61).plus(Duration.ofMinutes(15)), null));
    }
}
