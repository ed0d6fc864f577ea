package dev.ticketing.users.session;

import java.time.Duration;
import java.time.Instant;

/**
 * The sign-in attempts of one email: failures counted in the window that ends at {@code windowEndsAt}
 * (null: none yet), locked until {@code lockedUntil} (null: never locked).
 */
record Attempts(int failures, Instant windowEndsAt, Instant lockedUntil) {
    static final Attempts NONE = new Attempts(0, null, null);

    /** How long sign-in is still locked at {@code now}, or zero. */
    Duration lockedFor(Instant now) {
        return lockedUntil == null || !now.isBefore(lockedUntil) ? Duration.ZERO : Duration.between(now, lockedUntil);
    }

    /**
     * With one more attempt, counted as a failure until it succeeds: a new window when the last one ended
     * or a lock-out was served, and a lock-out when the failures reach the limit.
     */
    Attempts withAttempt(Instant now, SessionProperties limits) {
        boolean fresh = windowEndsAt == null || !now.isBefore(windowEndsAt) || lockedUntil != null;
        int count = fresh ? 1 : failures + 1;
        Instant windowEnd = fresh ? now.plus(limits.failureWindow()) : windowEndsAt;
        return new Attempts(count, windowEnd, count >= limits.maxFailures() ? now.plus(limits.lockout()) : null);
    }
}
