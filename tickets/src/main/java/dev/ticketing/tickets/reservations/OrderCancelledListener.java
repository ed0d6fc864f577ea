package dev.ticketing.tickets.reservations;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.Subjects;
import org.springframework.stereotype.Component;

@Component
public class OrderCancelledListener extends Listener<OrderCancelledEvent> {
    private final Reservations reservations;

    public OrderCancelledListener(Reservations reservations) {
        super(Subjects.ORDER_CANCELLED, "tickets-service");
        this.reservations = reservations;
    }

    @Override
    public Outcome onMessage(OrderCancelledEvent event, Delivery delivery) {
        return reservations.release(event);
    }
}
