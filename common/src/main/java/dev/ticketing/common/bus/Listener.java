package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import java.util.Objects;

/**
 * A handler for one subject in one queue group. Every replica that starts a listener with the same queue
 * group shares one durable consumer, so each message goes to one of them. Ack, redelivery, retry with
 * backoff and dead-lettering are done by the library from the returned {@link Outcome} or exception.
 */
public abstract class Listener<E extends Event> {
    private final Subject<E> subject;
    private final String queueGroup;

    protected Listener(Subject<E> subject, String queueGroup) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.queueGroup = Objects.requireNonNull(queueGroup, "queueGroup");
        if (!queueGroup.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad queue group " + queueGroup);
    }

    /**
     * Handles one event. Return {@link Outcome#APPLIED}, {@link Outcome#DUPLICATE} or {@link Outcome#NOT_YET};
     * throw for a failure that may pass (it is retried with backoff, then dead-lettered).
     */
    public abstract Outcome onMessage(E event, Delivery delivery) throws Exception;

    public final Subject<E> subject() {
        return subject;
    }

    public final String queueGroup() {
        return queueGroup;
    }

    /** The durable consumer shared by the queue group. */
    public final String durableName() {
        return queueGroup + "_" + subject.token();
    }
}
