package dev.ticketing.spring.metrics;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerStats;
import dev.ticketing.common.outbox.OutboxRelay;
import dev.ticketing.spring.events.ListenerLifecycle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Listener outcomes ({@code ticketing.listener.*}, tagged by consumer), the bus's restored copies
 * ({@code ticketing.bus.*}) and outbox relay counts ({@code ticketing.outbox.*}) as Micrometer counters, e.g. under /actuator/metrics.
 */
public class TicketingMetrics implements MeterBinder {
    private static final Map<String, ToDoubleFunction<ListenerStats>> LISTENER_COUNTERS = Map.ofEntries(
            Map.entry("applied", ListenerStats::applied),
            Map.entry("duplicates", ListenerStats::duplicates),
            Map.entry("not_yet", ListenerStats::notYet),
            Map.entry("failures", ListenerStats::failures),
            Map.entry("infrastructure_failures", ListenerStats::infrastructureFailures),
            Map.entry("redeliveries", ListenerStats::redeliveries),
            Map.entry("parked", ListenerStats::parked),
            Map.entry("naked", ListenerStats::naked),
            Map.entry("held", ListenerStats::held),
            Map.entry("requeued", ListenerStats::requeued),
            Map.entry("dead_lettered", ListenerStats::deadLettered),
            Map.entry("foreign", ListenerStats::foreign));

    private final EventBus bus;
    private final ListenerLifecycle listeners;
    private final ObjectProvider<OutboxRelay> relay;

    public TicketingMetrics(EventBus bus, ListenerLifecycle listeners, ObjectProvider<OutboxRelay> relay) {
        this.bus = bus;
        this.listeners = listeners;
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Listener<?> l : listeners.listeners()) {
            String durable = l.durableName();
            LISTENER_COUNTERS.forEach((name, stat) -> FunctionCounter
                    .builder(MeterNames.LISTENER + name, listeners, lc -> stat.applyAsDouble(lc.statsOf(durable)))
                    .tag(MeterNames.CONSUMER_TAG, durable)
                    .register(registry));
        }
        FunctionCounter.builder(MeterNames.BUS_COPIES_RESTORED, bus, EventBus::copiesRestored).register(registry);
        relay.ifAvailable(r -> {
            FunctionCounter.builder(MeterNames.OUTBOX_PUBLISHED, r, OutboxRelay::published).register(registry);
            FunctionCounter.builder(MeterNames.OUTBOX_FAILED_BATCHES, r, OutboxRelay::failedBatches).register(registry);
            FunctionCounter.builder(MeterNames.OUTBOX_REPUBLISHED, r, OutboxRelay::republished).register(registry);
        });
    }
}
