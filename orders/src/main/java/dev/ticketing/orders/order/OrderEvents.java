package dev.ticketing.orders.order;

import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCompletedEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.common.events.PaymentRejectedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.orders.replica.TicketReplica;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import org.springframework.stereotype.Component;

/** The events of an order change, written to the outbox in the transaction of the change. */
@Component
class OrderEvents {
    private final TransactionalOutbox outbox;

    OrderEvents(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    void created(Order o, TicketReplica ticket) {
        outbox.add(Subjects.ORDER_CREATED, new OrderCreatedEvent(o.id().toString(), o.version(), o.status(), o.userId(),
                o.expiresAt(), new OrderCreatedEvent.TicketRef(ticket.id().toString(), ticket.price())));
    }

    void cancelled(Order o) {
        outbox.add(Subjects.ORDER_CANCELLED, new OrderCancelledEvent(o.id().toString(), o.version(),
                new OrderCancelledEvent.TicketId(o.ticketId().toString())));
    }

    void completed(Order o) {
        outbox.add(Subjects.ORDER_COMPLETED, new OrderCompletedEvent(o.id().toString(), o.version(),
                new OrderCompletedEvent.TicketId(o.ticketId().toString())));
    }

    void rejected(PaymentCreatedEvent p, String reason) {
        outbox.add(Subjects.PAYMENT_REJECTED, new PaymentRejectedEvent(p.id(), p.orderId(), p.chargeId(), reason));
    }
}
