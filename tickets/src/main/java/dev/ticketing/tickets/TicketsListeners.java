package dev.ticketing.tickets;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.tickets.reservations.Reservations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every listener of the tickets service, in the queue group all its replicas share. */
@Configuration(proxyBeanMethods = false)
class TicketsListeners {
    static final String QUEUE_GROUP = "tickets-service";

    @Bean
    Listener<OrderCreatedEvent> orderCreated(Reservations reservations) {
        return Listener.of(Subjects.ORDER_CREATED, QUEUE_GROUP, reservations::reserve);
    }

    @Bean
    Listener<OrderCancelledEvent> orderCancelled(Reservations reservations) {
        return Listener.of(Subjects.ORDER_CANCELLED, QUEUE_GROUP, reservations::release);
    }
}
