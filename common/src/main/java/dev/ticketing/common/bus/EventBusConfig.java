package dev.ticketing.common.bus;

import dev.ticketing.common.events.Partitions;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the bus connects and how its streams look. {@code natsUrl} is one server or a comma-separated list of
 * the nodes of a cluster (the connection picks one and moves to another when it goes away). One stream ({@code stream}) holds every event under
 * {@code subjectPrefix.>}; dead letters go to {@code deadLetterStream} under {@code deadLetterPrefix.>}.
 *
 * @param duplicateWindow how long the broker remembers message ids to drop a re-publish
 * @param maxAge          how long events are kept in the stream
 * @param publishTimeout  how long a synchronous publish keeps retrying through an outage before failing
 * @param replicas        on how many broker nodes the streams and buckets are kept: 1, or 3 on a 3-node cluster
 * @param partitions      how many partitions a stream made by this process gets; a stream that exists already
 *                        keeps its own count, and {@link EventBus#connect} answers a config with that count
 */
public record EventBusConfig(String natsUrl, String connectionName, String stream, String subjectPrefix,
                             String deadLetterStream, String deadLetterPrefix, Duration duplicateWindow,
                             Duration maxAge, Duration publishTimeout, int replicas, int partitions) {
    public EventBusConfig {
        Objects.requireNonNull(natsUrl, "natsUrl");
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(deadLetterStream, "deadLetterStream");
        Objects.requireNonNull(deadLetterPrefix, "deadLetterPrefix");
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (replicas < 1) throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }

    /** The system's defaults: stream EVENTS on events.>, dead letters in DEADLETTER on deadletter.>. */
    public static EventBusConfig defaults(String natsUrl, String connectionName) {
        return new EventBusConfig(natsUrl, connectionName, "EVENTS", "events", "DEADLETTER", "deadletter",
                Duration.ofMinutes(2), Duration.ofDays(7), Duration.ofSeconds(30), 1, Partitions.DEFAULT_COUNT);
    }

    /** Same settings on streams of their own, e.g. to isolate one test from another. */
    public EventBusConfig withNamespace(String name) {
        String lower = name.toLowerCase();
        return new EventBusConfig(natsUrl, connectionName, name.toUpperCase(), lower, name.toUpperCase() + "_DEADLETTER",
                lower + "-deadletter", duplicateWindow, maxAge, publishTimeout, replicas, partitions);
    }

    public EventBusConfig withPublishTimeout(Duration timeout) {
        return new EventBusConfig(natsUrl, connectionName, stream, subjectPrefix, deadLetterStream, deadLetterPrefix,
                duplicateWindow, maxAge, timeout, replicas, partitions);
    }

    public EventBusConfig withPartitions(int n) {
        return new EventBusConfig(natsUrl, connectionName, stream, subjectPrefix, deadLetterStream, deadLetterPrefix,
                duplicateWindow, maxAge, publishTimeout, replicas, n);
    }

    public EventBusConfig withReplicas(int n) {
        return new EventBusConfig(natsUrl, connectionName, stream, subjectPrefix, deadLetterStream, deadLetterPrefix,
                duplicateWindow, maxAge, publishTimeout, n, partitions);
    }
}
