package dev.ticketing.web.operations;

import dev.ticketing.web.operations.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One service's ticketing meters at one scrape (Prometheus names of common-spring's MeterNames; counters are
 * since the process started). Absent or NaN figures are null: a service without an outbox has no backlog.
 */
record ServiceFigures(String service, boolean up, Double outboxPending, Double outboxOldestAgeSeconds,
                      Double outboxRepublished, List<Consumer> consumers) {
    static final String CONSUMER = "consumer";

    record Consumer(String consumer, Double pending, Double ackPending, double applied, double notYet, double failures,
                    double infrastructureFailures, double redeliveries, double deadLettered, double lagCount,
                    double lagSum) {
    }

    /** Each per-consumer meter and where its value goes. */
    private static final Map<String, BiConsumer<Builder, Double>> CONSUMER_METERS = Map.of(
            "ticketing_listener_pending", (b, v) -> b.pending = v,
            "ticketing_listener_ack_pending", (b, v) -> b.ackPending = v,
            "ticketing_listener_applied_total", (b, v) -> b.applied = v,
            "ticketing_listener_not_yet_total", (b, v) -> b.notYet = v,
            "ticketing_listener_failures_total", (b, v) -> b.failures = v,
            "ticketing_listener_infrastructure_failures_total", (b, v) -> b.infrastructureFailures = v,
            "ticketing_listener_redeliveries_total", (b, v) -> b.redeliveries = v,
            "ticketing_listener_dead_lettered_total", (b, v) -> b.deadLettered = v,
            "ticketing_listener_lag_seconds_count", (b, v) -> b.lagCount = v,
            "ticketing_listener_lag_seconds_sum", (b, v) -> b.lagSum = v);
    static final String OUTBOX_PENDING = "ticketing_outbox_pending";
    static final String OUTBOX_OLDEST_AGE = "ticketing_outbox_oldest_pending_age_seconds";
    /** Rows the relay published again because the broker had lost them (since the process started). */
    static final String OUTBOX_REPUBLISHED = "ticketing_outbox_republished_total";

    static ServiceFigures down(String service) {
        return new ServiceFigures(service, false, null, null, null, List.of());
    }

    static ServiceFigures of(String service, List<Sample> samples) {
        Map<String, Builder> consumers = new TreeMap<>();
        Double outboxPending = null;
        Double outboxOldestAge = null;
        Double outboxRepublished = null;
        for (Sample s : samples) {
            BiConsumer<Builder, Double> field = CONSUMER_METERS.get(s.name());
            if (field != null && s.label(CONSUMER) != null) {
                field.accept(consumers.computeIfAbsent(s.label(CONSUMER), Builder::new), finite(s.value()));
            } else if (s.name().equals(OUTBOX_PENDING)) {
                outboxPending = finite(s.value());
            } else if (s.name().equals(OUTBOX_OLDEST_AGE)) {
                outboxOldestAge = finite(s.value());
            } else if (s.name().equals(OUTBOX_REPUBLISHED)) {
                outboxRepublished = finite(s.value());
            }
        }
        return new ServiceFigures(service, true, outboxPending, outboxOldestAge, outboxRepublished,
                consumers.values().stream().map(Builder::build).toList());
    }

    Consumer consumer(String name) {
        return consumers.stream().filter(c -> c.consumer().equals(name)).findFirst().orElse(null);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static final class Builder {
        final String consumer;
        Double pending;
        Double ackPending;
        Double applied;
        Double notYet;
        Double failures;
        Double infrastructureFailures;
        Double redeliveries;
        Double deadLettered;
        Double lagCount;
        Double lagSum;

        Builder(String consumer) {
            this.consumer = consumer;
        }

        Consumer build() {
            return new Consumer(consumer, pending, ackPending, zero(applied), zero(notYet), zero(failures),
                    zero(infrastructureFailures), zero(redeliveries), zero(deadLettered), zero(lagCount), zero(lagSum));
        }

        private static double zero(Double v) {
            return v == null ? 0 : v;
        }
    }
}
