package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** NOT_YET messages held back by their worker, against a real nats-server. */
@ExtendWith(EngineExtension.class)
class ParkingTest {

    @Test
    void aNotYetIsTriedAgainAsSoonAsItsPredecessorIsAppliedFromTheSameDelivery(TestEngine engine) throws Exception {
        try (EventBus bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "parking").withNamespace("parked"))) {
            RecordingListener<TicketCreatedEvent> listener = nextVersionOnly("parked-group");
            RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults());
            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.seen.size() == 1);
            Thread.sleep(300); // v1 now waits, parked
            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(0)));

            await().atMost(Duration.ofSeconds(10)).until(() -> listener.seen.size() == 3);
            List<RecordingListener.Seen<TicketCreatedEvent>> seen = listener.seen;
            assertThat(seen).extracting(s -> s.event().version()).containsExactly(1L, 0L, 1L);
            assertThat(seen.get(2).delivery().deliveredCount()).as("applied from its first delivery").isEqualTo(1);
            assertThat(Duration.ofNanos(seen.get(2).atNanos() - seen.get(1).atNanos())).isLessThan(Duration.ofMillis(500));
            assertThat(running.stats().redeliveries()).isZero();
            assertThat(running.stats().notYet()).isEqualTo(1);
        }
    }

    @Test
    void aMessageParkedTooLongIsNakedAndKeptFromRedeliveryMeanwhile(TestEngine engine) throws Exception {
        try (EventBus bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "parking").withNamespace("expired"))) {
            RecordingListener<TicketCreatedEvent> listener = nextVersionOnly("expired-group");
            bus.listen(listener, ListenerOptions.defaults());
            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(1)));

            await().atMost(Duration.ofSeconds(15)).until(() -> listener.seen.size() >= 2);
            var first = listener.seen.get(0);
            var second = listener.seen.get(1);
            assertThat(second.delivery().deliveredCount()).isEqualTo(2);
            assertThat(Duration.ofNanos(second.atNanos() - first.atNanos()))
                    .as("parked past the 1 s ack wait, then NAKed").isGreaterThanOrEqualTo(Parking.MAX_WAIT);

            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(0)));
            await().atMost(Duration.ofSeconds(15)).until(() -> applied.contains("expired-group:1"));
        }
    }

    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    /** Applies version 0, and version 1 only once 0 is applied. */
    private RecordingListener<TicketCreatedEvent> nextVersionOnly(String group) {
        return new RecordingListener<>(Subjects.TICKET_CREATED, group, (e, d) -> {
            if (e.version() == 1 && !applied.contains(group + ":0")) return Outcome.NOT_YET;
            applied.add(group + ":" + e.version());
            return Outcome.APPLIED;
        });
    }

    private static TicketCreatedEvent ticket(int version) {
        return new TicketCreatedEvent("t", version, "concert", new BigDecimal("10.00"), "user-1");
    }
}
