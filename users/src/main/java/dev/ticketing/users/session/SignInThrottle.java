package dev.ticketing.users.session;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At most {@code max-failures} wrong passwords per email in a window, then a lock-out. Keyed by the email
 * alone, whether or not a user has it, so the throttle answers alike for unknown emails.
 */
@Component
class SignInThrottle {
    private final AttemptRepository attempts;
    private final SessionProperties limits;

    SignInThrottle(AttemptRepository attempts, SessionProperties limits) {
        this.attempts = attempts;
        this.limits = limits;
    }

    /**
     * Counts an attempt before its password is checked, so parallel guesses cannot all pass the check.
     *
     * @throws SignInLockedException while the email is locked out
     */
    @Transactional
    public void begin(String emailKey) {
        Attempts current = attempts.lock(emailKey);
        Instant now = attempts.now();
        Duration locked = current.lockedFor(now);
        if (!locked.isZero()) throw new SignInLockedException(locked);
        attempts.save(emailKey, current.withAttempt(now, limits));
    }

    /** A right password: the count starts again. */
    public void succeeded(String emailKey) {
        attempts.delete(emailKey);
    }
}
