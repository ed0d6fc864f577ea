package dev.ticketing.spring.deadletter;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.spring.events.EventsAutoConfiguration;
import dev.ticketing.spring.events.ListenerLifecycle;
import dev.ticketing.spring.events.PartitionsEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** The operators' endpoints of the event library: dead letters, and the partitions each listener consumes. */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class DeadLettersAutoConfiguration {
    @Bean
    @ConditionalOnBean(EventBus.class)
    public DeadLettersEndpoint deadLettersEndpoint(EventBus bus) {
        return new DeadLettersEndpoint(bus);
    }

    @Bean
    @ConditionalOnBean(ListenerLifecycle.class)
    public PartitionsEndpoint partitionsEndpoint(ListenerLifecycle listeners) {
        return new PartitionsEndpoint(listeners);
    }
}
