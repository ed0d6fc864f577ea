package dev.ticketing.common.events;

/** An order's reservation window has passed. Happens once per order, so the order id is the key. */
public record ExpirationCompleteEvent(String orderId) implements Event {
    public ExpirationCompleteEvent {
        Require.text(orderId, "orderId");
    }

    @Override
    public String eventKey() {
        return orderId;
    }

    @Override
    public String partitionKey() {
        return orderId;
    }
}
