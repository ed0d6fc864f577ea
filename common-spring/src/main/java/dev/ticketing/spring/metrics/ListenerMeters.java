package dev.ticketing.spring.metrics;

import static dev.ticketing.spring.metrics.MeterNames.CONSUMER_TAG;

import dev.ticketing.common.bus.ConsumerBacklog;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Per consumer: handler time and replica lag (timers fed by the listeners through {@link ListenerObserver}),
 * and the broker's pending and ack-pending counts (gauges; consumer infos read at most once a second).
 */
final class ListenerMeters implements ListenerObserver, MeterBinder {
    static final Duration BROKER_READ_TTL = Duration.ofSeconds(1);

    private final EventBus bus;
    private final List<Listener<?>> listeners;
    private volatile Map<String, Timer> applyTimers = Map.of();
    private volatile Map<String, Timer> lagTimers = Map.of();

    ListenerMeters(EventBus bus, List<Listener<?>> listeners) {
        this.bus = bus;
        this.listeners = listeners;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, Timer> apply = new HashMap<>();
        Map<String, Timer> lag = new HashMap<>();
        for (Listener<?> l : listeners) {
            String consumer = l.durableName();
            apply.put(consumer, Timer.builder(MeterNames.LISTENER_APPLY).tag(CONSUMER_TAG, consumer).register(registry));
            lag.put(consumer, Timer.builder(MeterNames.LISTENER_LAG).tag(CONSUMER_TAG, consumer)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry));
            bindBacklog(registry, l);
        }
        applyTimers = Map.copyOf(apply);
        lagTimers = Map.copyOf(lag);
    }

    private void bindBacklog(MeterRegistry registry, Listener<?> listener) {
        Cached<ConsumerBacklog> backlog = new Cached<>(() -> readBacklog(listener), BROKER_READ_TTL);
        gauge(registry, MeterNames.LISTENER_PENDING, listener, backlog, ConsumerBacklog::pending);
        gauge(registry, MeterNames.LISTENER_ACK_PENDING, listener, backlog, ConsumerBacklog::ackPending);
    }

    private static void gauge(MeterRegistry registry, String name, Listener<?> listener, Cached<ConsumerBacklog> backlog,
                              ToLongFunction<ConsumerBacklog> field) {
        Gauge.builder(name, backlog, c -> {
                    ConsumerBacklog b = c.get();
                    return b == null ? Double.NaN : field.applyAsLong(b);
                })
                .tag(CONSUMER_TAG, listener.durableName())
                .strongReference(true)
                .register(registry);
    }

    /** Not asked while disconnected: each request would wait for its timeout, and there are 16 per consumer. */
    private ConsumerBacklog readBacklog(Listener<?> listener) throws Exception {
        if (bus.connection().getStatus() != Connection.Status.CONNECTED) return null;
        return bus.backlog(listener);
    }

    @Override
    public void handled(String consumer, Duration took) {
        Timer t = applyTimers.get(consumer);
        if (t != null) t.record(took);
    }

    @Override
    public void applied(String consumer, Instant storedAt) {
        Timer t = lagTimers.get(consumer);
        if (t == null) return;
        Duration lag = Duration.between(storedAt, Instant.now());
        t.record(lag.isNegative() ? Duration.ZERO : lag); // the broker's clock may be slightly ahead
    }
}
