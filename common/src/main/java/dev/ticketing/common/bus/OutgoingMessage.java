package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.Subject;

/** An encoded event ready to publish: what an outbox row stores. */
public record OutgoingMessage(String subjectName, String messageId, byte[] payload) {
    public static <E extends Event> OutgoingMessage of(Subject<E> subject, E event) {
        return new OutgoingMessage(subject.name(), subject.messageId(event), EventCodec.encode(event));
    }
}
