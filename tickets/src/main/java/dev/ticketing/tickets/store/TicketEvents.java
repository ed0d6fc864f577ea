package dev.ticketing.tickets.store;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import org.springframework.stereotype.Component;

/** The events of a ticket change, written to the outbox in the transaction of the change. */
@Component
public class TicketEvents {
    private final TransactionalOutbox outbox;

    public TicketEvents(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    public void created(Ticket t) {
        outbox.add(Subjects.TICKET_CREATED,
                new TicketCreatedEvent(t.id().toString(), t.version(), t.title(), t.price(), t.userId()));
    }

    public void updated(Ticket t) {
        outbox.add(Subjects.TICKET_UPDATED,
                new TicketUpdatedEvent(t.id().toString(), t.version(), t.title(), t.price(), t.userId(), t.orderId()));
    }
}
