package dev.ticketing.payments.payment;

import java.math.BigDecimal;
import java.util.UUID;

/** A charged order; {@code refundId} is set once the charge is refunded. */
public record Payment(UUID id, UUID orderId, String userId, String chargeId, BigDecimal amount, String currency,
                      PaymentStatus status, String refundId, long version) {
    public Payment refunded(String refund) {
        return new Payment(id, orderId, userId, chargeId, amount, currency, PaymentStatus.REFUNDED, refund, version);
    }

    Payment nextVersion() {
        return new Payment(id, orderId, userId, chargeId, amount, currency, status, refundId, version + 1);
    }
}
