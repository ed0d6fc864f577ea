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

    /** Every partition of the subject: {@code <prefix>.ticket.updated.*}. */
    public String natsFilter(String prefix) {
        return natsSubject(prefix, name, "*");
    }

    /** One partition: {@code <prefix>.ticket.updated.<partition>}. */
    public String natsFilter(String prefix, int partition) {
        return natsSubject(prefix, name, Integer.toString(partition));
    }

    /** Where an event of this subject is published, on a stream of {@code partitions} partitions. */
    public String natsSubject(String prefix, E event, int partitions) {
        return natsSubject(prefix, name, Integer.toString(Partitions.of(event.partitionKey(), partitions)));
    }

    /** The one mapping of a subject name ("ticket:updated") and a partition to a NATS subject. */
    public static String natsSubject(String prefix, String name, String partition) {
        return prefix + "." + name.replace(':', '.') + "." + partition;
    }

    /** Whether a NATS subject is one of this subject's partitions (under any prefix). */
    public boolean carries(String natsSubject) {
        int partitionDot = natsSubject.lastIndexOf('.');
        return partitionDot > 0 && natsSubject.substring(0, partitionDot).endsWith("." + name.replace(':', '.'));
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
