package dev.ticketing.common.events;

/** A rejected payment was refunded at the gateway. Once per payment. */
public record PaymentRefundedEvent(String paymentId, String orderId, String refundId) implements Event {
    public PaymentRefundedEvent {
        Require.text(paymentId, "paymentId");
        Require.text(orderId, "orderId");
        Require.text(refundId, "refundId");
    }

    @Override
    public String eventKey() {
        return paymentId;
    }

    @Override
    public String partitionKey() {
        return orderId;
    }
}
