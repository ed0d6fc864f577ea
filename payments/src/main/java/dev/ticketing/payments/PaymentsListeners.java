package dev.ticketing.payments;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCompletedEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.PaymentRejectedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.payments.refund.Refunds;
import dev.ticketing.payments.replica.OrderReplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every listener of the payments service, in the queue group all its replicas share. */
@Configuration(proxyBeanMethods = false)
class PaymentsListeners {
    static final String QUEUE_GROUP = "payments-service";

    @Bean
    Listener<OrderCreatedEvent> orderCreated(OrderReplication replication) {
        return Listener.of(Subjects.ORDER_CREATED, QUEUE_GROUP, replication::created);
    }

    @Bean
    Listener<OrderCancelledEvent> orderCancelled(OrderReplication replication) {
        return Listener.of(Subjects.ORDER_CANCELLED, QUEUE_GROUP, replication::cancelled);
    }

    @Bean
    Listener<OrderCompletedEvent> orderCompleted(OrderReplication replication) {
        return Listener.of(Subjects.ORDER_COMPLETED, QUEUE_GROUP, replication::completed);
    }

    @Bean
    Listener<PaymentRejectedEvent> paymentRejected(Refunds refunds) {
        return Listener.of(Subjects.PAYMENT_REJECTED, QUEUE_GROUP, refunds::rejected);
    }
}
