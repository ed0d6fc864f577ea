package dev.ticketing.tickets.reservations;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.Subjects;
import org.springframework.stereotype.Component;

@Component
public class OrderCreatedListener extends Listener<OrderCreatedEvent> {
    private final Reservations reservations;

    public OrderCreatedListener(Reservations reservations) {
        super(Subjects.ORDER_CREATED, "tickets-service");
        this.reservations = reservations;
    }

    @Override
    public Outcome onMessage(OrderCreatedEvent event, Delivery delivery) {
        return reservations.reserve(event);
    }
}
