package dev.ticketing.expiration.schedule;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.Subjects;
import org.springframework.stereotype.Component;

@Component
public class OrderCreatedListener extends Listener<OrderCreatedEvent> {
    private final ExpiryStore store;

    public OrderCreatedListener(ExpiryStore store) {
        super(Subjects.ORDER_CREATED, "expiration-service");
        this.store = store;
    }

    @Override
    public Outcome onMessage(OrderCreatedEvent event, Delivery delivery) {
        return store.schedule(event.id(), event.expiresAt()) ? Outcome.APPLIED : Outcome.DUPLICATE;
    }
}
