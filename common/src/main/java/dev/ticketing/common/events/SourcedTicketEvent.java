package dev.ticketing.common.events;

import dev.ticketing.common.ordering.Version;
import java.math.BigDecimal;

/**
 * The whole state of a ticket from a source outside this system (the course's "mystery event source"),
 * at the source's own version, published on {@code <source>:ticket} (see {@link Subjects#sourcedTickets}).
 * The version's kind is the subject's: {@link NumberedTicketEvent} or {@link TimestampedTicketEvent}.
 */
public sealed interface SourcedTicketEvent extends Event permits NumberedTicketEvent, TimestampedTicketEvent {
    String id();

    String title();

    BigDecimal price();

    Version sourceVersion();

    @Override
    default String eventKey() {
        return id() + "@" + sourceVersion();
    }

    @Override
    default String partitionKey() {
        return id();
    }
}
