package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test listener: records every delivery it sees and answers with the given behaviour. */
final class RecordingListener<E extends Event> extends Listener<E> {
    interface Behaviour<E> {
        Outcome handle(E event, Delivery delivery) throws Exception;
    }

    record Seen<E>(E event, Delivery delivery, long atNanos) {
    }

    final List<Seen<E>> seen = new CopyOnWriteArrayList<>();
    private final Behaviour<E> behaviour;

    RecordingListener(Subject<E> subject, String queueGroup, Behaviour<E> behaviour) {
        super(subject, queueGroup);
        this.behaviour = behaviour;
    }

    @Override
    public Outcome onMessage(E event, Delivery delivery) throws Exception {
        seen.add(new Seen<>(event, delivery, System.nanoTime()));
        return behaviour.handle(event, delivery);
    }
}
