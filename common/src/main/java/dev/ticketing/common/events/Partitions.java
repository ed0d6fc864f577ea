package dev.ticketing.common.events;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Each subject is split into {@link #COUNT} partitions by the event's partition key; the partition is the
 * last token of the NATS subject ({@code events.ticket.updated.5}). Each partition has its own consumer,
 * and one replica at a time consumes it, in order, so one key's events reach the replicas in order,
 * which is what the version and sequence rules want to see. The count is part of the wire format:
 * publishers and consumers must agree on it.
 */
public final class Partitions {
    public static final int COUNT = 16;

    private Partitions() {
    }

    /** A stable hash (the same in every JVM and language), not String.hashCode's. */
    public static int of(String partitionKey) {
        CRC32 crc = new CRC32();
        crc.update(partitionKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % COUNT);
    }

    /** The partition a NATS subject names: its last token. */
    public static int ofSubject(String natsSubject) {
        return Integer.parseInt(natsSubject.substring(natsSubject.lastIndexOf('.') + 1));
    }
}
