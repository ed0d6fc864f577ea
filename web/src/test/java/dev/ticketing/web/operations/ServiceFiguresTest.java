package dev.ticketing.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ticketing.web.operations.LagSeries.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From scrapes to the dashboard's figures and its lag series. */
class ServiceFiguresTest {
    private static final String C = "orders-service_ticket-created";

    private static String scrape(double pending, double lagCount, double lagSum) {
        return """
                ticketing_listener_pending{consumer="%1$s"} %2$s
                ticketing_listener_ack_pending{consumer="%1$s"} 0.0
                ticketing_listener_applied_total{consumer="%1$s"} 9.0
                ticketing_listener_redeliveries_total{consumer="%1$s"} 2.0
                ticketing_listener_dead_lettered_total{consumer="%1$s"} 1.0
                ticketing_listener_lag_seconds_count{consumer="%1$s"} %3$s
                ticketing_listener_lag_seconds_sum{consumer="%1$s"} %4$s
                ticketing_listener_lag_seconds_bucket{consumer="%1$s",le="+Inf"} %3$s
                ticketing_outbox_pending 4.0
                ticketing_outbox_oldest_pending_age_seconds 1.5
                ticketing_outbox_republished_total 300.0
                jvm_threads_live_threads 30.0
                """.formatted(C, pending, lagCount, lagSum);
    }

    private static ServiceFigures figures(double pending, double lagCount, double lagSum) {
        return ServiceFigures.of("orders", PrometheusText.parse(scrape(pending, lagCount, lagSum)));
    }

    @Test
    void pullsTheConsumerAndOutboxMetersOutOfAScrape() {
        ServiceFigures f = figures(3, 10, 2.5);
        assertThat(f.up()).isTrue();
        assertThat(f.outboxPending()).isEqualTo(4.0);
        assertThat(f.outboxOldestAgeSeconds()).isEqualTo(1.5);
        assertThat(f.outboxRepublished()).isEqualTo(300.0);
        assertThat(f.consumers()).singleElement().satisfies(c -> {
            assertThat(c.consumer()).isEqualTo(C);
            assertThat(c.pending()).isEqualTo(3.0);
            assertThat(c.applied()).isEqualTo(9.0);
            assertThat(c.redeliveries()).isEqualTo(2.0);
            assertThat(c.deadLettered()).isEqualTo(1.0);
            assertThat(c.lagCount()).isEqualTo(10.0);
        });
    }

    @Test
    void aServiceWithoutOutboxHasNoBacklogRatherThanZero() {
        ServiceFigures f = ServiceFigures.of("web", PrometheusText.parse("ticketing_outbox_pending NaN\n"));
        assertThat(f.outboxPending()).isNull();
        assertThat(f.outboxOldestAgeSeconds()).isNull();
    }

    @Test
    void lagIsTheMeanOfEachIntervalZeroWhenIdleAndUnknownWhenWaitingRestartedOrDown() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Tick> ticks = List.of(
                tick(t0, figures(0, 10, 2.0)),
                tick(t0.plusSeconds(5), figures(0, 14, 4.0)),   // 4 applied, 2 s in all: 0.5 s each
                tick(t0.plusSeconds(10), figures(0, 14, 4.0)),  // nothing applied, nothing waits: 0
                tick(t0.plusSeconds(15), figures(5, 14, 4.0)),  // nothing applied, 5 wait: unknown
                tick(t0.plusSeconds(20), figures(0, 1, 0.1)),   // the counters went back (restart): unknown
                tick(t0.plusSeconds(25), ServiceFigures.down("orders")),
                tick(t0.plusSeconds(30), figures(0, 3, 0.5)));  // after a gap: unknown
        assertThat(LagSeries.of(ticks, "orders", C)).containsExactly(
                new Point(t0.plusSeconds(5).toEpochMilli(), 0.5),
                new Point(t0.plusSeconds(10).toEpochMilli(), 0.0),
                new Point(t0.plusSeconds(15).toEpochMilli(), null),
                new Point(t0.plusSeconds(20).toEpochMilli(), null),
                new Point(t0.plusSeconds(25).toEpochMilli(), null),
                new Point(t0.plusSeconds(30).toEpochMilli(), null));
    }

    @Test
    void theSnapshotHasEveryConfiguredServiceInOrderAndTheDeadLetterCountsPerConsumer() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Tick> ticks = List.of(tick(t0, figures(0, 1, 0.1)), tick(t0.plusSeconds(5), figures(0, 2, 0.3)));
        DeadLetters dead = new DeadLetters(true, "orders", Map.of(C, new DeadLetters.Count(3, 1)), List.of());

        Snapshot s = Snapshot.of(ticks, List.of("tickets", "orders"), dead, 600);

        assertThat(s.services()).extracting(Snapshot.Service::name).containsExactly("tickets", "orders");
        assertThat(s.services().get(0).up()).as("not in the scrapes: down").isFalse();
        Snapshot.Consumer c = s.services().get(1).consumers().get(0);
        assertThat(c.deadLetters()).isEqualTo(new DeadLetters.Count(3, 1));
        assertThat(c.lag()).extracting(Point::seconds).singleElement().satisfies(v -> assertThat(v).isCloseTo(0.2, offset(1e-9)));
        assertThat(Snapshot.serviceOf(ticks.get(1), C)).isEqualTo("orders");
    }

    private static Tick tick(Instant at, ServiceFigures f) {
        return new Tick(at, Map.of("orders", f));
    }
}
