package dev.ticketing.common.outbox;

import java.time.Duration;

/** Hook for the relay's publish latency (e.g. metrics): from the row's creation to the broker's ack. */
@FunctionalInterface
public interface PublishObserver {
    PublishObserver NONE = latency -> {
    };

    void published(Duration createdToAck);
}
