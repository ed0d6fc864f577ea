package dev.ticketing.spring.health;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.spring.events.EventsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The broker's health indicator, {@code nats}; service-defaults.yml puts it with {@code db} in the
 * readiness group only, so an outage takes a replica out of rotation without getting it restarted.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class HealthAutoConfiguration {
    @Bean
    NatsHealthIndicator natsHealthIndicator(EventBus bus) {
        return new NatsHealthIndicator(bus);
    }
}
