package dev.ticketing.expiration;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.expiration.schedule.ExpiryScheduler;
import dev.ticketing.expiration.schedule.ExpiryStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every listener of the expiration service, in the queue group all its replicas share. */
@Configuration(proxyBeanMethods = false)
class ExpirationListeners {
    static final String QUEUE_GROUP = "expiration-service";

    @Bean
    Listener<OrderCreatedEvent> orderCreated(ExpiryStore store, ExpiryScheduler scheduler) {
        return Listener.of(Subjects.ORDER_CREATED, QUEUE_GROUP, e -> {
            boolean scheduled = store.schedule(e.id(), e.expiresAt());
            if (scheduled) scheduler.expectAfterCommit(e.expiresAt());
            return Outcome.appliedIf(scheduled);
        });
    }

    /** A cancelled order needs no expiry: dropping it spares orders a useless expiration:complete. */
    @Bean
    Listener<OrderCancelledEvent> orderCancelled(ExpiryStore store) {
        return Listener.of(Subjects.ORDER_CANCELLED, QUEUE_GROUP, e -> Outcome.appliedIf(store.cancel(e.id())));
    }
}
