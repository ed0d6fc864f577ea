package dev.ticketing.common.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.bus.RunningListener;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.KeyValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A handler bug dead-letters events; after the fix they are replayed, and each is applied exactly once. */
@ExtendWith(EngineExtension.class)
class DeadLetterReplayTest {
    private EventBus bus;
    private DeadLetterAdmin admin;
    private volatile boolean bugFixed;
    /** Applications per ticket; a handler applies an event it has seen as a duplicate, as every real one does. */
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    /** The correlation id current when each ticket's event was applied. */
    private final Map<String, String> appliedUnder = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp(TestEngine engine) throws Exception {
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "dlq").withNamespace("dlq" + System.nanoTime()));
        admin = new DeadLetterAdmin(bus.connection(), bus.config());
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    private Outcome handle(TicketCreatedEvent e) {
        if (!bugFixed && e.title().equals("buggy")) throw new IllegalStateException("handler bug on " + e.id());
        if (applied.merge(e.id(), 1, Integer::sum) > 1) return Outcome.DUPLICATE;
        appliedUnder.put(e.id(), String.valueOf(CorrelationId.current()));
        return Outcome.APPLIED;
    }

    private void publish(String id, String title) throws Exception {
        try (CorrelationId.Scope ignored = CorrelationId.open("c-" + id)) {
            bus.publisher().publishAsync(OutgoingMessage.of(Subjects.TICKET_CREATED,
                    new TicketCreatedEvent(id, 0, title, new BigDecimal("5.00"), "user-1")));
        }
    }

    @Test
    void anEmptyDeadLetterStreamListsNothing() throws Exception {
        bus.listen(Listener.of(Subjects.TICKET_CREATED, "empty-group", this::handle), ListenerOptions.defaults());
        assertThat(admin.list(null)).isEmpty();
        assertThat(admin.counts()).isEmpty();
    }

    @Test
    void deadLettersAreListedShownAndReplayedOnceAfterTheFix() throws Exception {
        Listener<TicketCreatedEvent> listener = Listener.of(Subjects.TICKET_CREATED, "replay-group", this::handle);
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults().withMaxFailures(1));
        for (int i = 0; i < 10; i++) publish("ticket-" + i, i % 2 == 0 ? "buggy" : "fine");
        await("five dead letters").atMost(Duration.ofSeconds(20)).until(() -> running.stats().deadLettered() == 5);
        String consumer = admin.list(null).get(0).consumer();
        assertThat(consumer).isEqualTo(listener.durableName());
        assertThat(admin.counts().values().stream().mapToLong(DeadLetterAdmin.Count::total).sum()).isEqualTo(5);

        DeadLetter one = admin.list(null).get(0);
        assertThat(admin.show(one.sequence())).hasValueSatisfying(d -> {
            assertThat(d.error()).contains("handler bug");
            assertThat(d.payload()).contains("\"title\":\"buggy\"");
            assertThat(d.originalSubject()).contains("ticket.created");
            assertThat(d.originalSequence()).isPositive();
            assertThat(d.deliveries()).isEqualTo(1);
            assertThat(d.replayed()).isFalse();
        });

        bugFixed = true;
        List<DeadLetter> replayed = admin.list(null).stream().flatMap(d -> {
            try {
                return admin.replay(d.sequence()).stream();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(replayed).hasSize(5).allMatch(DeadLetter::replayed);
        await("the replayed events applied").atMost(Duration.ofSeconds(20)).until(() -> applied.size() == 10);

        for (DeadLetter d : admin.list(null)) admin.replay(d.sequence()); // a second replay of each
        for (String c : admin.counts().keySet()) assertThat(admin.replayAll(c)).as("nothing left to replay").isEmpty();
        await("the second replays are handled").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> applied.values().stream().allMatch(n -> n == 1));
        assertThat(applied).hasSize(10);
        assertThat(applied.values()).as("each event applied exactly once").containsOnly(1);
        applied.keySet().forEach(id -> assertThat(appliedUnder.get(id)).as("replayed with its id").isEqualTo("c-" + id));
        assertThat(admin.counts().values()).allMatch(c -> c.total() == c.replayed());
        assertThat(admin.list(null)).as("replayed dead letters are kept").hasSize(5);
    }

    /** After a crash of the broker's host a new dead letter can take a lost one's sequence: a mark made for another does not count. */
    @Test
    void aReplayMarkMadeForAnotherDeadLetterUnderTheSameSequenceDoesNotCount() throws Exception {
        bus.listen(Listener.of(Subjects.TICKET_CREATED, "reused-group", this::handle), ListenerOptions.defaults().withMaxFailures(1));
        publish("t-1", "buggy");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.list(null).size() == 1);
        long sequence = admin.list(null).get(0).sequence();
        KeyValue marks = bus.connection().keyValue(bus.config().deadLetterStream() + "_REPLAYED");
        marks.put(Long.toString(sequence), "2026-01-01T00:00:00Z 7 dead/reused-group_ticket-created/1/a-lost-one");

        assertThat(admin.show(sequence).orElseThrow().replayed()).isFalse();
        bugFixed = true;
        assertThat(admin.replayAll(null)).hasSize(1);
        assertThat(admin.show(sequence).orElseThrow().replayed()).as("its own mark").isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> applied.containsKey("t-1"));
    }
}
