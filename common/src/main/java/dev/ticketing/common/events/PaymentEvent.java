package dev.ticketing.common.events;

/** An event about one payment of an order: one per payment, and it travels with the order's events. */
public interface PaymentEvent extends Event {
    String paymentId();

    String orderId();

    @Override
    default String eventKey() {
        return paymentId();
    }

    @Override
    default String partitionKey() {
        return orderId();
    }
}
