package dev.ticketing.web.live;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.Partitions;
import io.nats.client.Connection;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's queue group is used by no one after it: its durable consumers are deleted on shutdown
 * (after the listeners stopped, before the connection closes). A process killed with -9, or stopping while
 * the broker is away, leaves them to the broker's inactivity threshold.
 */
class ConsumerCleanup {
    private static final Logger log = LoggerFactory.getLogger(ConsumerCleanup.class);
    private final EventBus bus;
    private final List<Listener<?>> listeners;

    ConsumerCleanup(EventBus bus, List<Listener<?>> listeners) {
        this.bus = bus;
        this.listeners = listeners;
    }

    @PreDestroy
    void deleteConsumers() {
        int failed = 0;
        String last = null;
        for (Listener<?> listener : listeners) {
            for (int p = 0; p < Partitions.COUNT; p++) {
                if (bus.connection().getStatus() != Connection.Status.CONNECTED) {
                    // No broker to ask (each ask would wait out its timeout): its inactivity threshold removes them.
                    log.warn("broker not connected: consumers of queue group {} left to expire", LiveListeners.QUEUE_GROUP);
                    return;
                }
                try {
                    bus.connection().jetStreamManagement()
                            .deleteConsumer(bus.config().stream(), EventBus.partitionDurable(listener, p));
                } catch (Exception e) {
                    failed++;
                    last = e.toString();
                }
            }
        }
        if (failed > 0) log.warn("{} consumers of queue group {} not deleted: {}", failed, LiveListeners.QUEUE_GROUP, last);
    }
}
