package dev.ticketing.common.bus;

import java.time.Duration;
import java.time.Instant;

/** Hook for timing what listeners do (e.g. metrics); called on worker threads, so it must be cheap. */
public interface ListenerObserver {
    ListenerObserver NONE = new ListenerObserver() {
    };

    /** The handler returned (whatever its outcome) or threw after {@code took}. */
    default void handled(String consumer, Duration took) {
    }

    /** A message was applied and acked; {@code storedAt} is when the broker stored it. */
    default void applied(String consumer, Instant storedAt) {
    }
}
