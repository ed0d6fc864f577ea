package dev.ticketing.orders.replica;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import org.springframework.stereotype.Component;

@Component
public class TicketCreatedListener extends Listener<TicketCreatedEvent> {
    private final TicketReplication replication;

    public TicketCreatedListener(TicketReplication replication) {
        super(Subjects.TICKET_CREATED, "orders-service");
        this.replication = replication;
    }

    @Override
    public Outcome onMessage(TicketCreatedEvent event, Delivery delivery) {
        return replication.created(event);
    }
}
