package dev.ticketing.orders.replica;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import org.springframework.stereotype.Component;

@Component
public class TicketUpdatedListener extends Listener<TicketUpdatedEvent> {
    private final TicketReplication replication;

    public TicketUpdatedListener(TicketReplication replication) {
        super(Subjects.TICKET_UPDATED, "orders-service");
        this.replication = replication;
    }

    @Override
    public Outcome onMessage(TicketUpdatedEvent event, Delivery delivery) {
        return replication.updated(event);
    }
}
