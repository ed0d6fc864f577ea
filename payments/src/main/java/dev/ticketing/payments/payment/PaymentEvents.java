package dev.ticketing.payments.payment;

import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.common.events.PaymentRefundedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import org.springframework.stereotype.Component;

/** The events of a payment change, written to the outbox in the transaction of the change. */
@Component
public class PaymentEvents {
    private final TransactionalOutbox outbox;

    PaymentEvents(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    void created(Payment p) {
        outbox.add(Subjects.PAYMENT_CREATED, new PaymentCreatedEvent(p.id().toString(), p.orderId().toString(), p.chargeId(),
                p.amount()));
    }

    public void refunded(Payment p) {
        outbox.add(Subjects.PAYMENT_REFUNDED, new PaymentRefundedEvent(p.id().toString(), p.orderId().toString(), p.refundId()));
    }
}
