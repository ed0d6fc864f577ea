package dev.ticketing.common.events;

import java.util.Objects;

/**
 * A channel and the payload type it carries. {@code name} is the course's name ("ticket:updated");
 * on NATS it becomes {@code <prefix>.ticket.updated}, a subject inside one JetStream stream.
 */
public record Subject<E extends Event>(String name, Class<E> type) {
    public Subject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-z]+(:[a-z]+)+")) throw new IllegalArgumentException("bad subject name " + name);
    }

    public String natsSubject(String prefix) {
        return prefix + "." + name.replace(':', '.');
    }

    /** A form usable inside consumer names: "ticket-updated". */
    public String token() {
        return name.replace(':', '-');
    }

    /** Message id the broker dedups on: one per subject and change. */
    public String messageId(E event) {
        return name + "/" + event.eventKey();
    }
}
