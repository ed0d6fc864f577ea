package dev.ticketing.common.bus;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.Partitions;
import dev.ticketing.common.events.Subject;

/**
 * An encoded event ready to publish: what an outbox row stores.
 *
 * @param correlationId the {@link CorrelationId} it carries, or null
 */
public record OutgoingMessage(String subjectName, String messageId, String partitionKey, byte[] payload,
                              String correlationId) {
    /** The event, carrying the correlation id of the work in hand on this thread ({@link CorrelationId#current()}). */
    public static <E extends Event> OutgoingMessage of(Subject<E> subject, E event) {
        return new OutgoingMessage(subject.name(), subject.messageId(event), event.partitionKey(), EventCodec.encode(event),
                CorrelationId.current());
    }

    /** Where it is published: the subject's partition for its key, on a stream of {@code partitions} partitions. */
    public String natsSubject(String prefix, int partitions) {
        return Subject.natsSubject(prefix, subjectName, Integer.toString(Partitions.of(partitionKey, partitions)));
    }
}
