package dev.ticketing.common.events;

import java.math.BigDecimal;

/** A payment of an order was charged and stored; one per order. Travels with the order's events. */
public record PaymentCreatedEvent(String id, String orderId, String chargeId, BigDecimal amount) implements Event {
    public PaymentCreatedEvent {
        Require.text(id, "id");
        Require.text(orderId, "orderId");
        Require.text(chargeId, "chargeId");
        Require.positive(amount, "amount");
    }

    @Override
    public String eventKey() {
        return id;
    }

    @Override
    public String partitionKey() {
        return orderId;
    }
}
