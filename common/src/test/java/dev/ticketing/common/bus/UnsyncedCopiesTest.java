package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.OwnEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dead letters and requeued copies after a crash of the broker's host that lost them while the original's ack
 * survived (a copy of the store from before the copy, the consumer's state from after the ack): the bus publishes
 * them again after it reconnects.
 */
@ExtendWith(OwnEngineExtension.class)
class UnsyncedCopiesTest {
    private static TestEngine engine;
    private static HostCrash crash;

    @BeforeAll
    static void useEngine(TestEngine ownEngine) {
        engine = ownEngine;
        crash = new HostCrash(engine);
    }

    @Test
    void aDeadLetterTheBrokerLostIsPublishedAgainOnceTheBusIsBack() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "lost-dead").withNamespace("lostdead");
        try (EventBus bus = EventBus.connect(config)) {
            var listener = new RecordingListener<TicketCreatedEvent>(Subjects.TICKET_CREATED, "lostdead-group", (e, d) -> Outcome.APPLIED);
            RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults());
            String durable = EventBus.partitionDurable(listener, 0);
            Path beforeTheDeadLetter = crash.diskNow();

            bus.connection().jetStream().publish(Subjects.TICKET_CREATED.natsFilter(config.subjectPrefix(), 0),
                    "{\"id\":\"bad\"}".getBytes(StandardCharsets.UTF_8), PublishOptions.builder().messageId("bad-1").build());
            JetStreamManagement jsm = bus.connection().jetStreamManagement();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(running.stats().deadLettered()).isEqualTo(1);
                assertThat(jsm.getConsumerInfo(config.stream(), durable).getAckFloor().getStreamSequence()).isEqualTo(1);
            });
            Thread.sleep(500); // the consumer's o.dat is written at most 10 times a second
            Path afterTheAck = crash.diskNow();

            crash.kill();
            crash.restore(afterTheAck);
            crash.restore(beforeTheDeadLetter, HostCrash.streamPath(config.deadLetterStream()));
            crash.start();

            String id = "dead/" + listener.durableName() + "/1/bad-1";
            StreamLookup deadLetters = StreamLookup.of(bus.connection(), config.deadLetterStream());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(deadLetters.messageIdAt(1)).isEqualTo(id));
            assertThat(bus.copiesRestored()).isEqualTo(1);
            assertThat(jsm.getConsumerInfo(config.stream(), durable).getAckFloor().getStreamSequence())
                    .as("the original stays acked: only the restored copy holds the event").isEqualTo(1);
        }
    }

    @Test
    void lostCopiesArePublishedAgainInTheirOrderAfterWhatTookTheirSequences() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "lost-copies").withNamespace("lostcopies");
        String subject = Subjects.TICKET_CREATED.natsFilter(config.subjectPrefix(), 0);
        try (EventBus bus = EventBus.connect(config)) {
            Path beforeTheCopies = crash.diskNow();
            Connection nc = bus.connection();
            UnsyncedCopies copies = new UnsyncedCopies(nc, BrokerSync.UNVERIFIED_WINDOW);
            for (int i = 1; i <= 3; i++) copies.publish(config.stream(), subject, null, bytes("copy " + i), "copy-" + i);

            crash.kill();
            crash.restore(beforeTheCopies);
            crash.start();
            try (Connection other = Nats.connect(Options.builder().server(engine.natsUrl()).build())) {
                other.jetStream().publish(subject, bytes("other"), PublishOptions.builder().messageId("other").build());
            }

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> copies.restore() == 3);
            assertThat(ids(nc, config.stream(), 4)).containsExactly("other", "copy-1", "copy-2", "copy-3");
            assertThat(copies.restore()).as("each is held again").isZero();
            assertThat(copies.restored()).isEqualTo(3);
            assertThat(copies.size()).isEqualTo(3);
        }
    }

    @Test
    void aCopyIsKeptForTheWindowOnly() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "window").withNamespace("copywindow");
        String subject = Subjects.TICKET_CREATED.natsFilter(config.subjectPrefix(), 0);
        try (EventBus bus = EventBus.connect(config)) {
            Connection nc = bus.connection();
            JetStreamManagement jsm = nc.jetStreamManagement();
            UnsyncedCopies kept = new UnsyncedCopies(nc, Duration.ofMinutes(1));
            UnsyncedCopies forgotten = new UnsyncedCopies(nc, Duration.ofMillis(1));
            long keptSeq = kept.publish(config.stream(), subject, null, bytes("kept"), "kept").getSeqno();
            long forgottenSeq = forgotten.publish(config.stream(), subject, null, bytes("forgotten"), "forgotten").getSeqno();
            jsm.deleteMessage(config.stream(), keptSeq);
            jsm.deleteMessage(config.stream(), forgottenSeq);
            Thread.sleep(10);

            assertThat(kept.restore()).isEqualTo(1);
            assertThat(forgotten.restore()).isZero();
            assertThat(forgotten.size()).isZero();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> ids(Connection nc, String stream, int n) throws Exception {
        StreamLookup lookup = StreamLookup.of(nc, stream);
        List<String> ids = new ArrayList<>();
        for (long seq = 1; seq <= n; seq++) ids.add(lookup.messageIdAt(seq));
        return ids;
    }
}
