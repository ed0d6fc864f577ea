package dev.ticketing.orders;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.SourcedTicketEvent;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.ordering.VersionKind;
import dev.ticketing.orders.replica.TicketReplication;
import java.util.Map;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * One listener per ticket source outside the system, from {@code orders.replica.sources} (name: version
 * kind, e.g. {@code mystery: number}, {@code almanac: instant}): it follows {@code <name>:ticket} with
 * {@link TicketReplication#SOURCE_RULE}. No source configured, no listener (no idle consumers).
 */
class TicketSourceListeners implements BeanRegistrar {
    static final String PROPERTY = "orders.replica.sources";

    @Override
    public void register(BeanRegistry registry, Environment env) {
        sources(env).forEach((source, kind) -> {
            Subject<? extends SourcedTicketEvent> subject = subject(source, kind);
            registry.registerBean(source + "TicketSourceListener", Listener.class,
                    spec -> spec.supplier(context -> listener(subject, source, context.bean(TicketReplication.class))));
        });
    }

    static Map<String, VersionKind> sources(Environment env) {
        return Binder.get(env).bind(PROPERTY, Bindable.mapOf(String.class, VersionKind.class)).orElse(Map.of());
    }

    /** The tickets service's own tickets are not a source: their versions follow another rule. */
    static Subject<? extends SourcedTicketEvent> subject(String source, VersionKind kind) {
        if (source.equals("tickets") || !source.matches("[a-z]+")) {
            throw new IllegalArgumentException(PROPERTY + ": a source name is lower-case letters and not 'tickets', not '"
                    + source + "'");
        }
        TicketReplication.SOURCE_RULE.requireKind(kind);
        return Subjects.sourcedTickets(source, kind);
    }

    private static <E extends SourcedTicketEvent> Listener<E> listener(Subject<E> subject, String source,
                                                                       TicketReplication replication) {
        return Listener.of(subject, OrdersListeners.QUEUE_GROUP, e -> replication.sourced(source, e));
    }
}
