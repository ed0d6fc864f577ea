package dev.ticketing.payments.api;

import dev.ticketing.payments.payment.Payment;

public record PaymentResponse(String id, String orderId, String status) {
    static PaymentResponse of(Payment p) {
        return new PaymentResponse(p.id().toString(), p.orderId().toString(), p.status().wire());
    }
}
