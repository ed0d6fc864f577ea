package dev.ticketing.orders.expiry;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.orders.api.OrderCommands;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
public class ExpirationCompleteListener extends Listener<ExpirationCompleteEvent> {
    private final OrderCommands orders;

    public ExpirationCompleteListener(OrderCommands orders) {
        super(Subjects.EXPIRATION_COMPLETE, "orders-service");
        this.orders = orders;
    }

    @Override
    public Outcome onMessage(ExpirationCompleteEvent event, Delivery delivery) {
        return orders.expire(UUID.fromString(event.orderId()));
    }
}
