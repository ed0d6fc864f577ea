package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import java.util.Objects;

/**
 * A handler for one subject in one queue group. Every replica that starts a listener with the same queue
 * group shares one durable consumer, so each message goes to one of them. Ack, redelivery, retry with
 * backoff and dead-lettering are done by the library from the returned {@link Outcome} or exception.
 *
 * <p>Most handlers need only the event: {@link #of} makes their listener in one line. A handler that
 * needs the broker's facts about the delivery extends this class and overrides {@link #onMessage}.
 */
public abstract class Listener<E extends Event> {
    /** What a listener made with {@link #of} does with an event; same contract as {@link #onMessage}. */
    @FunctionalInterface
    public interface Handler<E> {
        Outcome handle(E event) throws Exception;
    }

    private final Subject<E> subject;
    private final String queueGroup;

    protected Listener(Subject<E> subject, String queueGroup) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.queueGroup = Objects.requireNonNull(queueGroup, "queueGroup");
        if (!queueGroup.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad queue group " + queueGroup);
    }

    /** A listener that hands each event to the handler: {@code Listener.of(TICKET_UPDATED, GROUP, replica::updated)}. */
    public static <E extends Event> Listener<E> of(Subject<E> subject, String queueGroup, Handler<E> handler) {
        Objects.requireNonNull(handler, "handler");
        return new Listener<>(subject, queueGroup) {
            @Override
            public Outcome onMessage(E event, Delivery delivery) throws Exception {
                return handler.handle(event);
            }
        };
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
