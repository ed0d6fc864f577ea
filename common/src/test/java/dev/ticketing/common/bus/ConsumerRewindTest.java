package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Partitions;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.OwnEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library after a crash of the broker's host that lost the stream's tail while the consumers' state kept
 * later positions (see {@link LostBrokerTailTest} for what the broker does by itself): the consumers past the
 * stream's end are re-created ({@link ConsumerRewind}), and the events published after the crash, which take
 * the lost sequence numbers again, are delivered, whether the service starts after the crash or rides it out
 * connected. Every event on one partition, so that its consumer is the one past the end.
 */
@ExtendWith(OwnEngineExtension.class)
class ConsumerRewindTest {
    private static final int PARTITION = 3;
    private static TestEngine engine;
    private static HostCrash crash;

    @BeforeAll
    static void useEngine(TestEngine ownEngine) {
        engine = ownEngine;
        crash = new HostCrash(engine);
    }

    /** Tickets whose events all go to {@link #PARTITION}, {@code n} of them from {@code from} on. */
    private static List<TicketCreatedEvent> tickets(int from, int n) {
        List<TicketCreatedEvent> tickets = new ArrayList<>();
        for (int i = 0; tickets.size() < from + n; i++) {
            TicketCreatedEvent t = new TicketCreatedEvent("ticket-" + i, 0, "concert " + i, new BigDecimal("10.00"), "user-1");
            if (Partitions.of(t.partitionKey(), Partitions.DEFAULT_COUNT) == PARTITION) tickets.add(t);
        }
        return tickets.subList(from, from + n);
    }

    private static RecordingListener<TicketCreatedEvent> listener() {
        return new RecordingListener<>(Subjects.TICKET_CREATED, "rewind-group", (e, d) -> Outcome.APPLIED);
    }

    @Test
    void aServiceStartingAfterTheCrashGetsTheEventsThatReuseTheLostSequences() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "rewind-start").withNamespace("rewindstart");
        Path t1;
        Path t2;
        String durable;
        try (EventBus bus = EventBus.connect(config)) {
            var listener = listener();
            RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults());
            durable = EventBus.partitionDurable(listener, PARTITION);
            for (TicketCreatedEvent t : tickets(0, 10)) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            t1 = settledDisk(bus, config, durable, running, 10);
            for (TicketCreatedEvent t : tickets(10, 10)) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            t2 = settledDisk(bus, config, durable, running, 20);
        }
        crash.kill();
        crash.restore(t1);
        crash.restore(t2, HostCrash.consumerPath(config.stream(), durable));
        crash.start();

        try (Connection nc = Nats.connect(engine.natsUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamInfo(config.stream()).getStreamState().getLastSequence()).isEqualTo(10);
            assertThat(jsm.getConsumerInfo(config.stream(), durable).getDelivered().getStreamSequence()).isEqualTo(20);
        }
        // Another service (no listener of this subject) is back first and publishes: the events get sequences
        // 11-15, after its bus put the consumer back.
        List<TicketCreatedEvent> after = tickets(20, 5);
        try (EventBus publishing = EventBus.connect(config)) {
            for (TicketCreatedEvent t : after) {
                assertThat(TestPublisher.publish(publishing, Subjects.TICKET_CREATED, t).getSeqno()).isBetween(11L, 15L);
            }
        }

        try (EventBus bus = EventBus.connect(config)) {
            var listener = listener();
            bus.listen(listener, ListenerOptions.defaults());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(listener)).containsAll(ids(after)));
            assertThat(listener.seen).extracting(s -> s.delivery().streamSequence()).containsExactly(11L, 12L, 13L, 14L, 15L);
            ConsumerInfo info = bus.connection().jetStreamManagement().getConsumerInfo(config.stream(), durable);
            assertThat(info.getConsumerConfiguration().getDeliverPolicy()).isEqualTo(DeliverPolicy.ByStartSequence);
            assertThat(info.getConsumerConfiguration().getStartSequence()).isEqualTo(11);
        }

        // The next start finds a rewound consumer: it keeps its start (the broker refuses to change it).
        try (EventBus bus = EventBus.connect(config)) {
            var listener = listener();
            bus.listen(listener, ListenerOptions.defaults());
            List<TicketCreatedEvent> later = tickets(25, 2);
            for (TicketCreatedEvent t : later) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids(listener)).containsExactlyInAnyOrderElementsOf(ids(later)));
        }
    }

    /** Two services ride the crash out connected, and both publish as soon as they can. */
    @Test
    void servicesConnectedThroughTheCrashGetTheEventsThatReuseTheLostSequences() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "rewind-running").withNamespace("rewindrunning");
        try (EventBus bus = EventBus.connect(config); EventBus other = EventBus.connect(config)) {
            var listener = listener();
            RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults());
            String durable = EventBus.partitionDurable(listener, PARTITION);
            for (TicketCreatedEvent t : tickets(0, 10)) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            Path t1 = settledDisk(bus, config, durable, running, 10);
            for (TicketCreatedEvent t : tickets(10, 10)) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            Path t2 = settledDisk(bus, config, durable, running, 20);

            crash.kill();
            crash.restore(t1);
            crash.restore(t2, HostCrash.consumerPath(config.stream(), durable));
            crash.start();

            // Each publisher publishes as soon as its bus is back: the events get sequences 11-20, the lost ones.
            List<TicketCreatedEvent> after = tickets(20, 10);
            Thread otherPublishes = new Thread(() -> {
                for (TicketCreatedEvent t : after.subList(5, 10)) TestPublisher.publish(other, Subjects.TICKET_CREATED, t);
            });
            otherPublishes.start();
            for (TicketCreatedEvent t : after.subList(0, 5)) TestPublisher.publish(bus, Subjects.TICKET_CREATED, t);
            otherPublishes.join();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(listener)).containsAll(ids(after)));
            assertThat(ids(listener)).hasSize(30);
        }
    }

    /**
     * The disk once the listener applied {@code applied} events and the consumer's ack floor reached o.dat
     * (the broker writes it at most 10 times a second).
     */
    private static Path settledDisk(EventBus bus, EventBusConfig config, String durable, RunningListener<?> running,
                                    int applied) throws Exception {
        JetStreamManagement jsm = bus.connection().jetStreamManagement();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(running.stats().applied()).isEqualTo(applied);
            assertThat(jsm.getConsumerInfo(config.stream(), durable).getAckFloor().getStreamSequence()).isEqualTo(applied);
        });
        Thread.sleep(500);
        return crash.diskNow();
    }

    private static Set<String> ids(RecordingListener<TicketCreatedEvent> listener) {
        return listener.seen.stream().map(s -> s.event().id()).collect(Collectors.toSet());
    }

    private static List<String> ids(List<TicketCreatedEvent> tickets) {
        return tickets.stream().map(TicketCreatedEvent::id).toList();
    }
}
