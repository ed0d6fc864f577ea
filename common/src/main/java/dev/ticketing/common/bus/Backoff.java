package dev.ticketing.common.bus;

import java.time.Duration;

/** A retry delay that doubles per attempt up to a cap: the one rule behind every backoff of the library. */
public final class Backoff {
    private Backoff() {
    }

    /** The delay after the n-th attempt: {@code first * 2^(n-1)}, at most {@code cap} (n below 1 counts as 1). */
    public static Duration delay(Duration first, long attempt, Duration cap) {
        long shift = Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(first.toMillis() << shift, cap.toMillis()));
    }

    /** The delay after {@code current}: twice as long, at most {@code cap}. */
    public static Duration next(Duration current, Duration cap) {
        return delay(current, 2, cap);
    }
}
