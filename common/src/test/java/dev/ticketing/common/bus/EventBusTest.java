package dev.ticketing.common.bus;

import io.nats.client.JetStreamApiException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Partitions;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event library against a real nats-server with JetStream, started by scripts/engine.sh. */
@ExtendWith(EngineExtension.class)
class EventBusTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestEngine engine;
    private EventBusConfig config;

    @BeforeEach
    void setUp(TestEngine engine, TestInfo info) {
        this.engine = engine;
        // Each test on streams of its own, so earlier tests' messages never reach it.
        this.config = EventBusConfig.defaults(engine.natsUrl(), info.getDisplayName())
                .withNamespace("t" + NAMESPACES.incrementAndGet());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private EventBus bus() {
        EventBus bus = EventBus.connect(config);
        toClose.add(bus);
        return bus;
    }

    @Test
    void theStreamsPartitionCountIsTheOneEveryProcessUses() throws Exception {
        EventBus first = bus();
        EventBus second = EventBus.connect(config.withPartitions(8));
        toClose.add(second);
        assertThat(first.config().partitions()).isEqualTo(Partitions.DEFAULT_COUNT);
        assertThat(second.config().partitions()).as("the stream's count, not its own").isEqualTo(Partitions.DEFAULT_COUNT);

        StreamInfo info = first.connection().jetStreamManagement().getStreamInfo(config.stream());
        first.connection().jetStreamManagement().updateStream(io.nats.client.api.StreamConfiguration
                .builder(info.getConfiguration()).description(null).build());
        EventBus onAnUnrecordedStream = EventBus.connect(config);
        toClose.add(onAnUnrecordedStream);
        assertThat(onAnUnrecordedStream.config().partitions()).isEqualTo(Partitions.UNRECORDED_COUNT);
    }

    private static TicketCreatedEvent ticket(int i) {
        return new TicketCreatedEvent("ticket-" + i, 0, "concert " + i, new BigDecimal("10.00"), "user-1");
    }

    private static ListenerOptions fast() {
        return ListenerOptions.defaults().withDelays(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(400));
    }

    @Test
    void publishedEventArrivesTypedAndIsAcked() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "orders-service", (e, d) -> Outcome.APPLIED);
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, fast());

        PublishAck ack = TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running.stats().applied()).isEqualTo(1));
        var seen = listener.seen.get(0);
        assertThat(seen.event()).isEqualTo(ticket(1));
        assertThat(seen.delivery().messageId()).isEqualTo("ticket:created/ticket-1@0");
        assertThat(seen.delivery().streamSequence()).isEqualTo(ack.getSeqno());
        assertThat(seen.delivery().deliveredCount()).isEqualTo(1);
        bus.connection().flush(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(consumerAckPending(bus, listener)).isZero());
    }

    @Test
    void queueGroupMembersShareTheWorkEachMessageOnce() {
        EventBus replicaA = bus();
        EventBus replicaB = bus();
        RecordingListener.Behaviour<TicketCreatedEvent> slow = (e, d) -> {
            Thread.sleep(2);
            return Outcome.APPLIED;
        };
        var a = new RecordingListener<>(Subjects.TICKET_CREATED, "orders-service", slow);
        var b = new RecordingListener<>(Subjects.TICKET_CREATED, "orders-service", slow);
        ListenerOptions small = fast().withBatch(5, 1);
        RunningListener<TicketCreatedEvent> ra = replicaA.listen(a, small);
        RunningListener<TicketCreatedEvent> rb = replicaB.listen(b, small);
        // The partitions are shared out by leases; publish once both replicas hold some.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ra.ownedPartitions()).isNotEmpty();
            assertThat(rb.ownedPartitions()).isNotEmpty();
        });

        int n = 300;
        for (int i = 0; i < n; i++) replicaA.publisher().publishAsync(OutgoingMessage.of(Subjects.TICKET_CREATED, ticket(i)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ra.stats().applied() + rb.stats().applied()).isGreaterThanOrEqualTo(n));
        List<String> ids = new ArrayList<>();
        a.seen.forEach(s -> ids.add(s.event().id()));
        b.seen.forEach(s -> ids.add(s.event().id()));
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
        assertThat(a.seen).as("replica A got a share").isNotEmpty();
        assertThat(b.seen).as("replica B got a share").isNotEmpty();
    }

    @Test
    void unackedMessageIsRedeliveredAfterAckWait() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "ackwait-group", (e, d) -> Outcome.APPLIED);
        Duration ackWait = Duration.ofSeconds(2);
        // Create the durable consumer, then stop consuming, as a replica does before it crashes.
        bus.listen(listener, fast().withAckWait(ackWait)).close();
        TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(1));

        // A "crashing replica" takes the message and never acks it.
        JetStreamSubscription crashed = bus.connection().jetStream().subscribe(null,
                PullSubscribeOptions.bind(config.stream(),
                        EventBus.partitionDurable(listener, Partitions.of(ticket(1).partitionKey(), config.partitions()))));
        List<Message> taken = crashed.fetch(1, Duration.ofSeconds(5));
        assertThat(taken).hasSize(1);
        long takenAt = System.nanoTime();
        crashed.unsubscribe();

        RunningListener<TicketCreatedEvent> running = bus.listen(listener, fast().withAckWait(ackWait));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running.stats().applied()).isEqualTo(1));
        var seen = listener.seen.get(0);
        assertThat(seen.delivery().deliveredCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(seen.atNanos() - takenAt)).isGreaterThanOrEqualTo(ackWait.minusMillis(200));
    }

    @Test
    void notYetIsRedeliveredAfterItsShortDelayNotAfterAckWait() {
        EventBus bus = bus();
        AtomicInteger calls = new AtomicInteger();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "gap-group",
                (e, d) -> calls.incrementAndGet() < 3 ? Outcome.NOT_YET : Outcome.APPLIED);
        Duration delay = Duration.ofMillis(300);
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, ListenerOptions.defaults()
                .withAckWait(Duration.ofSeconds(30)).withDelays(Duration.ofMillis(100), delay, Duration.ofSeconds(5)));

        TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running.stats().applied()).isEqualTo(1));
        assertThat(listener.seen).hasSize(3);
        assertThat(listener.seen.get(2).delivery().deliveredCount()).isEqualTo(3);
        long firstGap = listener.seen.get(1).atNanos() - listener.seen.get(0).atNanos();
        long secondGap = listener.seen.get(2).atNanos() - listener.seen.get(1).atNanos();
        // 300 ms, then doubled to 600 ms; far below the 30 s ack wait.
        assertThat(Duration.ofNanos(firstGap)).isBetween(delay.minusMillis(50), Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(secondGap)).isBetween(delay.multipliedBy(2).minusMillis(50), Duration.ofSeconds(4));
        assertThat(running.stats().notYet()).isEqualTo(2);
        assertThat(running.stats().deadLettered()).isZero();
    }

    @Test
    void poisonIsDeadLetteredAfterMaxFailuresAndLaterMessagesFlow() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "poison-group", (e, d) -> {
            if (e.id().equals("ticket-13")) throw new IllegalStateException("cannot handle 13");
            return Outcome.APPLIED;
        });
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, fast().withMaxFailures(3));

        TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(13));
        // Malformed at the source: not even decodable. Dead-lettered at once, retrying cannot help.
        bus.connection().jetStream().publish(Subjects.TICKET_CREATED.natsFilter(config.subjectPrefix(), 0),
                "{\"id\":\"bad\"}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(running.stats())
                .extracting(ListenerStats::applied, ListenerStats::deadLettered).containsExactly(5L, 2L));
        assertThat(listener.seen.stream().filter(s -> s.event().id().equals("ticket-13"))).hasSize(3);
        assertThat(running.stats().failures()).isEqualTo(3);

        JetStreamSubscription dead = bus.connection().jetStream().subscribe(
                bus.deadLetters().subjectFor(listener.durableName()),
                PullSubscribeOptions.builder().stream(config.deadLetterStream()).build());
        List<Message> letters = dead.fetch(10, Duration.ofSeconds(3));
        assertThat(letters).hasSize(2);
        Message poison = letterWith(letters, "ticket-13");
        assertThat(poison.getHeaders().getFirst(DeadLetters.ERROR)).contains("cannot handle 13");
        assertThat(poison.getHeaders().getFirst(DeadLetters.DELIVERIES)).isEqualTo("3");
        assertThat(poison.getHeaders().getFirst(DeadLetters.ORIGINAL_SUBJECT)).isEqualTo(Subjects.TICKET_CREATED.natsSubject(config.subjectPrefix(), ticket(13), config.partitions()));
        assertThat(letterWith(letters, "\"bad\"").getHeaders().getFirst(DeadLetters.ERROR)).startsWith("malformed:");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(consumerAckPending(bus, listener)).isZero());
    }

    @Test
    void samePublishTwiceIsStoredOnce() throws Exception {
        EventBus bus = bus();
        PublishAck first = TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(7));
        PublishAck second = TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(7));
        PublishAck other = TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(8));

        assertThat(first.isDuplicate()).isFalse();
        assertThat(second.isDuplicate()).isTrue();
        assertThat(second.getSeqno()).isEqualTo(first.getSeqno());
        assertThat(other.isDuplicate()).isFalse();
        StreamInfo info = bus.connection().jetStreamManagement().getStreamInfo(config.stream());
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(2);
    }

    @Test
    void publishToAStreamThatIsNotThereFailsVisibly() throws Exception {
        EventBus bus = bus();
        EventBusConfig wrong = config.withPublishTimeout(Duration.ofSeconds(1));
        Publisher misconfigured = new Publisher(bus.connection().jetStream(),
                new EventBusConfig(wrong.natsUrl(), "x", "NO_SUCH_STREAM", wrong.subjectPrefix(), wrong.deadLetterStream(),
                        wrong.deadLetterPrefix(), wrong.duplicateWindow(), wrong.maxAge(), wrong.publishTimeout(), 1, wrong.partitions()),
                Publisher.Gate.OPEN);
        assertThatThrownBy(() -> misconfigured.publishAsync(OutgoingMessage.of(Subjects.EXPIRATION_COMPLETE,
                new ExpirationCompleteEvent("o1"))).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(JetStreamApiException.class);
    }

    @Test
    void listenerResumesAfterBrokerRestartAndNothingIsLost() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "restart-group", (e, d) -> Outcome.APPLIED);
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, fast());
        for (int i = 0; i < 10; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(running.stats().applied()).isEqualTo(10));

        engine.stopNats();
        // Published while the broker is down: the publisher retries until it is back.
        AtomicLong publishedDuringOutage = new AtomicLong();
        Thread during = new Thread(() -> {
            for (int i = 10; i < 15; i++) {
                TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));
                publishedDuringOutage.incrementAndGet();
            }
        });
        during.start();
        Thread.sleep(1500);
        engine.startNats();
        during.join(Duration.ofSeconds(30).toMillis());
        assertThat(publishedDuringOutage.get()).isEqualTo(5);
        for (int i = 15; i < 25; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(distinctIds(listener)).hasSize(25));
    }

    @Test
    void afterABrokerRestartThePullsAreMadeAfreshWithoutWaitingForTheirHeartbeats() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "repull-group", (e, d) -> Outcome.APPLIED);
        ListenerOptions d = ListenerOptions.defaults();
        // Pulls of 2 min: their idle heartbeats (1 min) would notice the lost pulls only after 3 min.
        ListenerOptions longPulls = new ListenerOptions(d.ackWait(), d.maxFailures(), d.failureBackoff(), d.notYetDelay(),
                d.maxBackoff(), d.maxNotYetDelay(), d.maxNotYetDeliveries(), d.batchSize(), d.workers(), d.drainTimeout(),
                Duration.ofMinutes(2));
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, longPulls);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(running.ownedPartitions()).hasSize(bus.config().partitions()));

        engine.stopNats();
        engine.startNats();
        for (int i = 0; i < 20; i++) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(distinctIds(listener)).hasSize(20));
    }

    @Test
    void gracefulStopFinishesTheMessageInHand() throws Exception {
        EventBus bus = bus();
        var listener = new RecordingListener<>(Subjects.TICKET_CREATED, "drain-group", (e, d) -> {
            Thread.sleep(700);
            return Outcome.APPLIED;
        });
        RunningListener<TicketCreatedEvent> running = bus.listen(listener, fast());
        // Three tickets of one partition, so one worker has them: one in hand, two waiting behind it.
        List<Integer> ids = samePartition(3);
        for (int i : ids) TestPublisher.publish(bus, Subjects.TICKET_CREATED, ticket(i));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listener.seen).as("first in hand").hasSize(1));

        running.close();
        long appliedAtStop = running.stats().applied();
        assertThat(appliedAtStop).as("the message in hand was finished and acked").isGreaterThanOrEqualTo(1);

        // The rest is not lost: a new replica of the group gets every message not applied yet, at once.
        var next = new RecordingListener<>(Subjects.TICKET_CREATED, "drain-group", (e, d) -> Outcome.APPLIED);
        RunningListener<TicketCreatedEvent> after = bus.listen(next, fast());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(appliedAtStop + after.stats().applied()).isEqualTo(3));
        Set<String> all = new HashSet<>();
        listener.seen.forEach(s -> all.add(s.event().id()));
        next.seen.forEach(s -> all.add(s.event().id()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids.stream().map(i -> "ticket-" + i).toList());
    }

    private static List<Integer> samePartition(int n) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; ids.size() < n; i++) {
            if (Partitions.of(ticket(i).partitionKey(), Partitions.DEFAULT_COUNT)
                    == Partitions.of(ticket(0).partitionKey(), Partitions.DEFAULT_COUNT)) ids.add(i);
        }
        return ids;
    }

    private static Message letterWith(List<Message> letters, String text) {
        return letters.stream().filter(l -> new String(l.getData(), StandardCharsets.UTF_8).contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter containing " + text));
    }

    private static Set<String> distinctIds(RecordingListener<TicketCreatedEvent> l) {
        Set<String> ids = new HashSet<>();
        l.seen.forEach(s -> ids.add(s.event().id()));
        return ids;
    }

    private long consumerAckPending(EventBus bus, Listener<?> listener) {
        try {
            return bus.backlog(listener).ackPending();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
