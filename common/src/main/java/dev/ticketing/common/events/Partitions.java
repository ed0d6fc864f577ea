package dev.ticketing.common.events;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Each subject is split into partitions by the event's partition key; the partition is the last token of
 * the NATS subject ({@code events.ticket.updated.3}). Each partition has its own consumer, and one replica at
 * a time consumes it, in order, so one key's events reach the replicas in order, which is what the version
 * and sequence rules want to see. Publishers and consumers must agree on the count: the events stream records
 * the count it was made with, and that count is the one every process uses.
 */
public final class Partitions {
    /** Partitions of a stream made now: enough to spread a listener over four replicas; each is a broker consumer per listener. */
    public static final int DEFAULT_COUNT = 4;
    /** Partitions of a stream that records no count: made when the count was fixed at 16. */
    public static final int UNRECORDED_COUNT = 16;

    private Partitions() {
    }

    /** A stable hash (the same in every JVM and language), not String.hashCode's. */
    public static int of(String partitionKey, int count) {
        CRC32 crc = new CRC32();
        crc.update(partitionKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The partition a NATS subject names: its last token. */
    public static int ofSubject(String natsSubject) {
        return Integer.parseInt(natsSubject.substring(natsSubject.lastIndexOf('.') + 1));
    }
}
