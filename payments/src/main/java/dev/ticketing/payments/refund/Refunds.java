package dev.ticketing.payments.refund;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.PaymentRejectedEvent;
import dev.ticketing.payments.charge.PaymentGateway;
import dev.ticketing.payments.payment.Payment;
import dev.ticketing.payments.payment.PaymentEvents;
import dev.ticketing.payments.payment.PaymentRepository;
import dev.ticketing.payments.payment.PaymentStatus;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * payment:rejected (orders refused the payment, its order was cancelled first): refund the charge, mark
 * the payment refunded and publish payment:refunded. The gateway is asked with the key
 * {@code refund-<paymentId>}, so a redelivery, or a rollback after the gateway answered, refunds once.
 */
@Service
public class Refunds {
    private final PaymentRepository payments;
    private final PaymentEvents events;
    private final PaymentGateway gateway;

    public Refunds(PaymentRepository payments, PaymentEvents events, PaymentGateway gateway) {
        this.payments = payments;
        this.events = events;
        this.gateway = gateway;
    }

    @Transactional
    public Outcome rejected(PaymentRejectedEvent rejected) {
        UUID id = UUID.fromString(rejected.paymentId());
        Payment payment = payments.find(id).orElseThrow(() -> new IllegalStateException("payment:rejected for unknown payment " + id));
        if (payment.status() == PaymentStatus.REFUNDED) return Outcome.DUPLICATE;
        String refundId = gateway.refund(refundKey(id), payment.chargeId());
        Payment refunded = payments.save(payment.refunded(refundId)).orElseThrow(
                () -> new IllegalStateException("payment " + id + " changed while it was refunded"));
        events.refunded(refunded);
        return Outcome.APPLIED;
    }

    static String refundKey(UUID paymentId) {
        return "refund-" + paymentId;
    }
}
