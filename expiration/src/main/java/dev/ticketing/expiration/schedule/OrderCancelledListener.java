package dev.ticketing.expiration.schedule;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.Subjects;
import org.springframework.stereotype.Component;

/** A cancelled order needs no expiry: dropping it spares orders a useless expiration:complete. */
@Component
public class OrderCancelledListener extends Listener<OrderCancelledEvent> {
    private final ExpiryStore store;

    public OrderCancelledListener(ExpiryStore store) {
        super(Subjects.ORDER_CANCELLED, "expiration-service");
        this.store = store;
    }

    @Override
    public Outcome onMessage(OrderCancelledEvent event, Delivery delivery) {
        return store.cancel(event.id()) ? Outcome.APPLIED : Outcome.DUPLICATE;
    }
}
