package dev.ticketing.web.live;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.VersionedEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The changes pages show live. Every web process must see every event (each serves its own browsers), so
 * its queue group is its own: {@code web-<random>}, process-owned: its consumers start with what is published
 * from now on, and the broker removes them when the process is gone (even killed without its cleanup).
 */
@Configuration
class LiveListeners {
    static final String QUEUE_GROUP = "web-" + UUID.randomUUID().toString().substring(0, 8);

    @Bean
    Listener<?> ticketCreatedLive(LiveHub hub) {
        return push(Subjects.TICKET_CREATED, "ticket", hub);
    }

    @Bean
    Listener<?> ticketUpdatedLive(LiveHub hub) {
        return push(Subjects.TICKET_UPDATED, "ticket", hub);
    }

    @Bean
    Listener<?> orderCreatedLive(LiveHub hub) {
        return push(Subjects.ORDER_CREATED, "order", hub);
    }

    @Bean
    Listener<?> orderCancelledLive(LiveHub hub) {
        return push(Subjects.ORDER_CANCELLED, "order", hub);
    }

    @Bean
    Listener<?> orderCompletedLive(LiveHub hub) {
        return push(Subjects.ORDER_COMPLETED, "order", hub);
    }

    /**
     * A user's transaction, to their own pages only, as its number: the page asks for the balance as of that
     * number, as the accounts service applies it a little later (see AccountController#panel).
     */
    @Bean
    Listener<?> transactionCreatedLive(LiveHub hub) {
        return processOwned(Subjects.TRANSACTION_CREATED,
                event -> hub.publishTo(event.userId(), "account", Long.toString(event.number())));
    }

    @Bean
    ConsumerCleanup liveConsumerCleanup(EventBus bus, List<Listener<?>> listeners) {
        return new ConsumerCleanup(bus, listeners);
    }

    private static <E extends VersionedEvent> Listener<E> push(Subject<E> subject, String kind, LiveHub hub) {
        return processOwned(subject, event -> hub.publish(kind, event.id()));
    }

    private static <E extends Event> Listener<E> processOwned(Subject<E> subject, Consumer<E> push) {
        return new Listener<>(subject, QUEUE_GROUP) {
            @Override
            public Outcome onMessage(E event, Delivery delivery) {
                push.accept(event);
                return Outcome.APPLIED;
            }

            @Override
            public boolean processOwned() {
                return true;
            }
        };
    }
}
