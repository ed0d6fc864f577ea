package dev.ticketing.common.bus;

import java.time.Duration;

/**
 * How long after its ack the broker may still lose a message with its host. nats-server 2.9 acks once the
 * message is written to the OS and fsyncs a stream's file store every {@link #SYNC_INTERVAL} ({@code
 * SyncInterval}, stream.go). That bounds a cluster's loss too: after a power cut the node with the longest Raft
 * log leads, keeps its store and only adds to it from its log (jetstream_cluster.go), so the log's own 5-minute
 * sync does not widen the window.
 */
public final class BrokerSync {
    public static final Duration SYNC_INTERVAL = Duration.ofMinutes(2);
    /** A sync runs after its interval and takes time to write out what it flushes. */
    public static final Duration SLACK = Duration.ofSeconds(30);
    /** What the outbox keeps checking, and the bus keeps of its copies ({@link UnsyncedCopies}). */
    public static final Duration UNVERIFIED_WINDOW = SYNC_INTERVAL.plus(SLACK);

    private BrokerSync() {
    }
}
