package dev.ticketing.spring.metrics;

import dev.ticketing.common.outbox.OutboxBacklog;
import dev.ticketing.common.outbox.PublishObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/** Where the outbox is enabled: the backlog (gauges, one query a second at most) and the relay's publish latency. */
final class OutboxMeters implements PublishObserver, MeterBinder {
    static final Duration DATABASE_READ_TTL = Duration.ofSeconds(1);

    private final Cached<OutboxBacklog> backlog;
    private volatile Timer latency;

    OutboxMeters(DataSource dataSource) {
        this.backlog = new Cached<>(() -> OutboxBacklog.read(dataSource), DATABASE_READ_TTL);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, MeterNames.OUTBOX_PENDING, null, OutboxBacklog::pending);
        gauge(registry, MeterNames.OUTBOX_OLDEST_PENDING_AGE, "seconds", b -> b.oldestAge().toMillis() / 1000.0);
        latency = Timer.builder(MeterNames.OUTBOX_PUBLISH_LATENCY).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, ToDoubleFunction<OutboxBacklog> field) {
        Gauge.builder(name, backlog, c -> {
                    OutboxBacklog b = c.get();
                    return b == null ? Double.NaN : field.applyAsDouble(b);
                })
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void published(Duration createdToAck) {
        Timer t = latency;
        if (t != null) t.record(createdToAck);
    }
}
