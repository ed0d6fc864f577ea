package dev.ticketing.common.outbox;

import java.time.Duration;

/**
 * @param batchSize          rows published per transaction (all in flight at once)
 * @param pollInterval       longest sleep without a wake-up: how soon rows committed by another process
 *                           (another replica of the service) are seen
 * @param publishTimeout     how long a batch waits for the broker's acks
 * @param retryBackoff       first pause after a failed batch (broker or database down); doubles
 * @param maxRetryBackoff    upper bound of that pause
 * @param retention          how long sent rows are kept before the purge deletes them; at least the
 *                           {@link #unverifiedWindow()}
 * @param purgeInterval      how often the purge runs
 * @param unverifiedWindow   how long after its ack a sent row may still be lost with the broker's host, so
 *                           is checked against the stream when the broker may have lost its tail: the
 *                           broker's sync interval plus a slack ({@link #brokerWindow}; the default is a
 *                           single node's)
 */
public record OutboxOptions(int batchSize, Duration pollInterval, Duration publishTimeout, Duration retryBackoff,
                            Duration maxRetryBackoff, Duration retention, Duration purgeInterval,
                            Duration unverifiedWindow) {
    /** nats-server 2.9's fixed sync interval of a stream's file store ({@code SyncInterval} in its stream.go). */
    public static final Duration NATS_SYNC_INTERVAL = Duration.ofMinutes(2);
    /** nats-server 2.9's sync interval of a replicated stream's Raft log, which decides what a cluster keeps. */
    public static final Duration NATS_RAFT_SYNC_INTERVAL = Duration.ofMinutes(5);
    /** Added to the sync interval: a sync runs after its interval and takes time to write out what it flushes. */
    public static final Duration SYNC_SLACK = Duration.ofSeconds(30);

    public OutboxOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (retention.compareTo(unverifiedWindow) < 0) {
            throw new IllegalArgumentException("the retention (" + retention + ") must cover the unverified window ("
                    + unverifiedWindow + "): rows the broker may still lose must be kept");
        }
    }

    public static OutboxOptions defaults() {
        return new OutboxOptions(500, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMinutes(1), brokerWindow(1));
    }

    /**
     * The unverified window for a stream kept on {@code streamReplicas} nats-server 2.9 nodes: the interval at
     * which what decides the stream's content after a crash is synced, plus {@link #SYNC_SLACK}.
     */
    public static Duration brokerWindow(int streamReplicas) {
        return (streamReplicas > 1 ? NATS_RAFT_SYNC_INTERVAL : NATS_SYNC_INTERVAL).plus(SYNC_SLACK);
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
