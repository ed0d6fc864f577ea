package dev.ticketing.web.live;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.PoisonMessageException;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.VersionedEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The changes pages show live. Every web process must see every change (each serves its own browsers), and a
 * change is only a notification: a page re-fetches what it shows. So one ordered consumer per process reads the
 * events published from its start on, with nothing acknowledged, retried or dead-lettered; the broker keeps no
 * state for it beyond the process's life. A change missed (the broker away, a malformed event) shows on the
 * next page load.
 */
@Component
class LiveFeed implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final EventBus bus;
    private final List<Route<?>> routes;
    private volatile MessageConsumer consumer;

    LiveFeed(EventBus bus, LiveHub hub) {
        this.bus = bus;
        this.routes = List.of(
                toEveryone(Subjects.TICKET_CREATED, "ticket", hub),
                toEveryone(Subjects.TICKET_UPDATED, "ticket", hub),
                toEveryone(Subjects.ORDER_CREATED, "order", hub),
                toEveryone(Subjects.ORDER_CANCELLED, "order", hub),
                toEveryone(Subjects.ORDER_COMPLETED, "order", hub),
                // A user's transaction, to their own pages only, as its number: the page asks for the balance as
                // of that number, as the accounts service applies it a little later (see AccountController#panel).
                new Route<>(Subjects.TRANSACTION_CREATED,
                        e -> hub.publishTo(e.userId(), "account", Long.toString(e.number()))));
    }

    /** What one subject's events become on the pages. */
    private record Route<E extends Event>(Subject<E> subject, Consumer<E> push) {
        void deliver(Message m) throws PoisonMessageException {
            push.accept(EventCodec.decode(subject, m.getData()));
        }
    }

    private static <E extends VersionedEvent> Route<E> toEveryone(Subject<E> subject, String kind, LiveHub hub) {
        return new Route<>(subject, e -> hub.publish(kind, e.id()));
    }

    @Override
    public void start() {
        OrderedConsumerConfiguration everyEvent = new OrderedConsumerConfiguration()
                .filterSubject(bus.config().subjectPrefix() + ".>").deliverPolicy(DeliverPolicy.New);
        try {
            consumer = bus.connection().getStreamContext(bus.config().stream()).createOrderedConsumer(everyEvent)
                    .consume(this::onMessage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot follow the events stream", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot follow the events stream: " + e.getMessage(), e);
        }
    }

    private void onMessage(Message m) {
        for (Route<?> route : routes) {
            if (!route.subject().carries(m.getSubject())) continue;
            try {
                route.deliver(m);
            } catch (PoisonMessageException e) {
                log.warn("live feed: a malformed {} event is not shown: {}", route.subject().name(), e.getMessage());
            }
            return;
        }
    }

    /** Closes the consumer and deletes it at once; a process killed outright leaves it to the broker's inactivity limit. */
    @Override
    public void stop() {
        MessageConsumer c = consumer;
        consumer = null;
        if (c == null) return;
        String name = c.getConsumerName();
        try {
            c.close();
            if (bus.connection().getStatus() == Connection.Status.CONNECTED) {
                bus.connection().jetStreamManagement().deleteConsumer(bus.config().stream(), name);
            }
        } catch (Exception e) {
            log.debug("live feed: closing the consumer {}: {}", name, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
