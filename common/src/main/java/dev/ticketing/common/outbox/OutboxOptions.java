package dev.ticketing.common.outbox;

import java.time.Duration;

/**
 * @param batchSize       rows published per transaction (all in flight at once)
 * @param pollInterval    longest sleep without a wake-up: how soon rows committed by another process
 *                        (another replica of the service) are seen
 * @param publishTimeout  how long a batch waits for the broker's acks
 * @param retryBackoff    first pause after a failed batch (broker or database down); doubles
 * @param maxRetryBackoff upper bound of that pause
 * @param retention       how long sent rows are kept before the purge deletes them
 * @param purgeInterval   how often the purge runs
 */
public record OutboxOptions(int batchSize, Duration pollInterval, Duration publishTimeout, Duration retryBackoff,
                            Duration maxRetryBackoff, Duration retention, Duration purgeInterval) {
    public OutboxOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
    }

    public static OutboxOptions defaults() {
        return new OutboxOptions(500, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMinutes(1));
    }

    public OutboxOptions withRetention(Duration keep, Duration every) {
        return new OutboxOptions(batchSize, pollInterval, publishTimeout, retryBackoff, maxRetryBackoff, keep, every);
    }

    public OutboxOptions withPublishTimeout(Duration timeout) {
        return new OutboxOptions(batchSize, pollInterval, timeout, retryBackoff,
                maxRetryBackoff, retention, purgeInterval);
    }
}
