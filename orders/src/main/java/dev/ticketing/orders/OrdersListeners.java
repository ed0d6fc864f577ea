package dev.ticketing.orders;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.orders.order.OrderCommands;
import dev.ticketing.orders.replica.TicketReplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every listener of the orders service, in the queue group all its replicas share. The ticket replica's
 * version rule is the subject's: {@code ticket:updated} next-version, each configured source's
 * {@code <source>:ticket} any-newer ({@link TicketSourceListeners}).
 */
@Configuration(proxyBeanMethods = false)
@Import(TicketSourceListeners.class)
class OrdersListeners {
    static final String QUEUE_GROUP = "orders-service";

    @Bean
    Listener<TicketCreatedEvent> ticketCreated(TicketReplication replication) {
        return Listener.of(Subjects.TICKET_CREATED, QUEUE_GROUP, replication::created);
    }

    @Bean
    Listener<TicketUpdatedEvent> ticketUpdated(TicketReplication replication) {
        return Listener.of(Subjects.TICKET_UPDATED, QUEUE_GROUP, replication::updated);
    }

    @Bean
    Listener<ExpirationCompleteEvent> expirationComplete(OrderCommands orders) {
        return Listener.of(Subjects.EXPIRATION_COMPLETE, QUEUE_GROUP, orders::expire);
    }

    @Bean
    Listener<PaymentCreatedEvent> paymentCreated(OrderCommands orders) {
        return Listener.of(Subjects.PAYMENT_CREATED, QUEUE_GROUP, orders::paid);
    }
}
