package dev.ticketing.spring.health;

import dev.ticketing.common.bus.EventBus;
import io.nats.client.Connection;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the connection to the broker is CONNECTED (it reconnects by itself; readiness waits for that). */
final class NatsHealthIndicator implements HealthIndicator {
    private final EventBus bus;

    NatsHealthIndicator(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Health health() {
        Connection.Status status = bus.connection().getStatus();
        Health.Builder health = status == Connection.Status.CONNECTED ? Health.up() : Health.down();
        return health.withDetail("connection", status.name()).build();
    }
}
