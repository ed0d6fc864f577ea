package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.MessageInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Moving a message to the back of its partition, against a real nats-server. */
@ExtendWith(EngineExtension.class)
class RequeueTest {

    @Test
    void aNotYetWaitsInItsWindowForWhatIsBehindItWithoutACopy(TestEngine engine) throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "requeue-test").withNamespace("notyet");
        try (EventBus bus = EventBus.connect(config)) {
            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(1)));
            TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(0)));
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            Listener<TicketCreatedEvent> nextVersionOnly = Listener.of(Subjects.TICKET_CREATED, "notyet-group", e -> {
                seen.add("v" + e.version());
                return e.version() == 0 || seen.contains("v0") ? Outcome.APPLIED : Outcome.NOT_YET;
            });
            bus.listen(nextVersionOnly, ListenerOptions.defaults());

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3);
            assertThat(seen).containsExactly("v1", "v0", "v1");
            assertThat(bus.connection().jetStreamManagement().getStreamInfo(config.stream()).getStreamState().getMsgCount())
                    .as("no copy was published").isEqualTo(2);
        }
    }

    private static TicketCreatedEvent ticket(int version) {
        return new TicketCreatedEvent("t", version, "concert", new BigDecimal("10.00"), "user-1");
    }

    @Test
    void theCopyAtTheBackKeepsBodySubjectAndCorrelationIdAndCountsTheMove(TestEngine engine) throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "requeue-test").withNamespace("requeue");
        try (EventBus bus = EventBus.connect(config)) {
            try (CorrelationId.Scope ignored = CorrelationId.open("c-v1")) {
                TestPublisher.publish(bus, OutgoingMessage.of(Subjects.TICKET_CREATED,
                        new TicketCreatedEvent("t", 1, "concert", new BigDecimal("10.00"), "user-1")));
            }
            JetStreamSubscription sub = bus.connection().jetStream()
                    .subscribe(config.subjectPrefix() + ".>", PullSubscribeOptions.builder().build());
            List<Message> taken = sub.fetch(1, Duration.ofSeconds(5));
            assertThat(taken).hasSize(1);
            Message original = taken.get(0);
            Delivery delivery = new Delivery(Subjects.TICKET_CREATED.name(), "ticket:created/t@1",
                    original.metaData().streamSequence(), 1, original.metaData().timestamp().toInstant());

            new Requeue(new UnsyncedCopies(bus.connection(), BrokerSync.UNVERIFIED_WINDOW), config, Publisher.Gate.OPEN).toBack(original, delivery);

            MessageInfo copy = bus.connection().jetStreamManagement().getMessage(config.stream(), 2);
            assertThat(copy.getSubject()).isEqualTo(original.getSubject());
            assertThat(copy.getData()).isEqualTo(original.getData());
            assertThat(copy.getHeaders().getFirst(CorrelationId.HEADER)).isEqualTo("c-v1");
            assertThat(copy.getHeaders().getFirst(Requeue.COUNT)).isEqualTo("1");
            assertThat(copy.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("ticket:created/t@1~1.1");
            sub.unsubscribe();
        }
    }
}
