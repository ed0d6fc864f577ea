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
 *                           broker's sync interval plus a slack ({@link #NATS_SYNC_INTERVAL},
 *                           {@link #SYNC_SLACK})
 */
public record OutboxOptions(int batchSize, Duration pollInterval, Duration publishTimeout, Duration retryBackoff,
                            Duration maxRetryBackoff, Duration retention, Duration purgeInterval,
                            Duration unverifiedWindow) {
    /**
     * nats-server 2.9's fixed sync interval of a stream's file store ({@code SyncInterval}, stream.go). It
     * bounds a cluster's loss too: after a power cut the node with the longest Raft log leads, and it keeps
     * its store and only adds to it from its log (jetstream_cluster.go), so the log's own 5-minute sync
     * does not widen the window.
     */
    public static final Duration NATS_SYNC_INTERVAL = Duration.ofMinutes(2);
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
                Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMinutes(1), NATS_SYNC_INTERVAL.plus(SYNC_SLACK));
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
