package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.BrokerSync;
import java.time.Duration;

/**
 * @param batchSize          rows published per transaction (all in flight at once)
 * @param pollInterval       longest sleep without a wake-up: how soon rows are seen that a process committed
 *                           and did not relay (it crashed first); each process wakes its own relay after a
 *                           commit, and a relay that finds the lock held tries again at once
 * @param publishTimeout     how long a batch waits for the broker's acks
 * @param retryBackoff       first pause after a failed batch (broker or database down); doubles
 * @param maxRetryBackoff    upper bound of that pause
 * @param retention          how long sent rows are kept before the purge deletes them; at least the
 *                           {@link #unverifiedWindow()}
 * @param purgeInterval      how often the purge runs
 * @param unverifiedWindow   how long after its ack a sent row may still be lost with the broker's host, so
 *                           is checked against the stream when the broker may have lost its tail: the
 *                           broker's sync interval plus a slack ({@link BrokerSync#UNVERIFIED_WINDOW})
 */
public record OutboxOptions(int batchSize, Duration pollInterval, Duration publishTimeout, Duration retryBackoff,
                            Duration maxRetryBackoff, Duration retention, Duration purgeInterval,
                            Duration unverifiedWindow) {
    public OutboxOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (retention.compareTo(unverifiedWindow) < 0) {
            throw new IllegalArgumentException("the retention (" + retention + ") must cover the unverified window ("
                    + unverifiedWindow + "): rows the broker may still lose must be kept");
        }
    }

    public static OutboxOptions defaults() {
        return new OutboxOptions(500, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMinutes(1), BrokerSync.UNVERIFIED_WINDOW);
    }

    public OutboxOptions withRetention(Duration keep, Duration every) {
        return new OutboxOptions(batchSize, pollInterval, publishTimeout, retryBackoff, maxRetryBackoff, keep, every,
                unverifiedWindow);
    }

    public OutboxOptions withPublishTimeout(Duration timeout) {
        return new OutboxOptions(batchSize, pollInterval, timeout, retryBackoff, maxRetryBackoff, retention, purgeInterval,
                unverifiedWindow);
    }

    /** Pauses after a failed batch: the first and the longest. */
    public OutboxOptions withRetryBackoff(Duration first, Duration max) {
        return new OutboxOptions(batchSize, pollInterval, publishTimeout, first, max, retention, purgeInterval,
                unverifiedWindow);
    }

    public OutboxOptions withUnverifiedWindow(Duration window) {
        return new OutboxOptions(batchSize, pollInterval, publishTimeout, retryBackoff, maxRetryBackoff, retention,
                purgeInterval, window);
    }
}
