package dev.ticketing.spring.metrics;

import dev.ticketing.common.outbox.OutboxRelay;
import dev.ticketing.spring.events.EventsAutoConfiguration;
import dev.ticketing.spring.events.ListenerLifecycle;
import dev.ticketing.spring.outbox.OutboxAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(after = {EventsAutoConfiguration.class, OutboxAutoConfiguration.class})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class MetricsAutoConfiguration {
    @Bean
    public TicketingMetrics ticketingMetrics(ListenerLifecycle listeners, ObjectProvider<OutboxRelay> relay) {
        return new TicketingMetrics(listeners, relay);
    }
}
