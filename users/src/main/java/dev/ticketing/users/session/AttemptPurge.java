package dev.ticketing.users.session;

import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Guesses at random emails would otherwise leave a row each forever. */
@Component
class AttemptPurge {
    private final AttemptRepository attempts;

    AttemptPurge(AttemptRepository attempts) {
        this.attempts = attempts;
    }

    @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = TimeUnit.MINUTES)
    void purge() {
        attempts.deleteEnded();
    }
}
