package dev.ticketing.common.events;

/** Orders refused a payment (its order was cancelled first): the payment is to be refunded. Once per payment. */
public record PaymentRejectedEvent(String paymentId, String orderId, String chargeId, String reason) implements Event {
    public PaymentRejectedEvent {
        Require.text(paymentId, "paymentId");
        Require.text(orderId, "orderId");
        Require.text(chargeId, "chargeId");
        Require.text(reason, "reason");
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
