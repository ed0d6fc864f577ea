package dev.ticketing.spring.metrics;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.outbox.OutboxRelay;
import dev.ticketing.spring.events.EventsAutoConfiguration;
import dev.ticketing.spring.events.ListenerLifecycle;
import dev.ticketing.spring.outbox.OutboxAutoConfiguration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The ticketing meters (names in {@link MeterNames}); the listeners and the relay report to the observers
 * defined here, which the events and outbox configurations pick up.
 */
@AutoConfiguration(after = {EventsAutoConfiguration.class, OutboxAutoConfiguration.class})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class MetricsAutoConfiguration {
    @Bean
    public TicketingMetrics ticketingMetrics(EventBus bus, ListenerLifecycle listeners, ObjectProvider<OutboxRelay> relay) {
        return new TicketingMetrics(bus, listeners, relay);
    }

    @Bean
    ListenerMeters listenerMeters(EventBus bus, ObjectProvider<Listener<?>> listeners) {
        return new ListenerMeters(bus, listeners.orderedStream().toList());
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxMeters outboxMeters(DataSource dataSource) {
        return new OutboxMeters(dataSource);
    }
}
