package dev.ticketing.users.session;

import java.time.Duration;

/** Too many wrong passwords for an email: sign-in is refused for {@code retryAfter}. */
public class SignInLockedException extends RuntimeException {
    private final Duration retryAfter;

    SignInLockedException(Duration retryAfter) {
        super("too many failed sign-in attempts, try again later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, for a Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
