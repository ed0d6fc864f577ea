package dev.ticketing.common.bus;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Partitions;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which replica consumes which partition ({@link PartitionLeases}), against a real nats-server. */
@ExtendWith(EngineExtension.class)
class PartitionOwnershipTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final String GROUP = "owners";
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EventBusConfig config;
    private TestEngine engine;

    @BeforeEach
    void setUp(TestEngine engine, TestInfo info) {
        this.engine = engine;
        config = EventBusConfig.defaults(engine.natsUrl(), info.getDisplayName()).withNamespace("own" + NAMESPACES.incrementAndGet());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    @Test
    void aLoneReplicaTakesEveryPartition() {
        Replica a = replica((e, d) -> Outcome.APPLIED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.owned()).hasSize(config.partitions()));
    }

    @Test
    void twoReplicasSplitThePartitionsAndNeverShareOne() {
        Replica a = replica((e, d) -> Outcome.APPLIED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.owned()).hasSize(config.partitions()));
        Replica b = replica((e, d) -> Outcome.APPLIED);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(a.owned()).hasSize(config.partitions() / 2);
            assertThat(b.owned()).hasSize(config.partitions() / 2);
        });
        Set<Integer> all = new HashSet<>(a.owned());
        all.addAll(b.owned());
        assertThat(all).hasSize(config.partitions());
    }

    @Test
    void aGracefulStopHandsItsPartitionsBackBeforeItReturns() throws Exception {
        Replica a = replica((e, d) -> Outcome.APPLIED);
        Replica b = replica((e, d) -> Outcome.APPLIED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.owned()).hasSize(config.partitions() / 2));
        KeyValue kv = a.bus.connection().keyValue(config.stream() + "_LEASES");
        int held = b.owned().iterator().next();
        String bMember = kv.get(PartitionLeases.partitionKey(b.listener.durableName(), held)).getValueAsString();

        b.running.close();

        for (int p = 0; p < config.partitions(); p++) {
            KeyValueEntry e = kv.get(PartitionLeases.partitionKey(b.listener.durableName(), p));
            assertThat(e == null ? "" : e.getValueAsString()).as("partition %d", p).isNotEqualTo(bMember);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.owned()).hasSize(config.partitions()));
    }

    @Test
    void aCrashedReplicasPartitionsAreTakenOverAndNothingIsLost() {
        Replica a = replica((e, d) -> Outcome.APPLIED);
        Replica b = replica((e, d) -> Outcome.APPLIED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.owned()).hasSize(config.partitions() / 2));

        b.crash();
        for (int i = 0; i < 100; i++) TestPublisher.publish(a.bus, Subjects.TICKET_CREATED, ticket(i));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.owned()).hasSize(config.partitions());
            assertThat(a.listener.seen.stream().map(s -> s.event().id()).distinct()).hasSize(100);
        });
    }

    @Test
    void aBrokerRestartLeavesThePartitionsWhereTheyWere() {
        Replica a = replica((e, d) -> Outcome.APPLIED);
        Replica b = replica((e, d) -> Outcome.APPLIED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.owned()).hasSize(config.partitions() / 2));
        Set<Integer> aBefore = a.owned();
        Set<Integer> bBefore = b.owned();

        engine.stopNats();
        engine.startNats();
        for (int i = 0; i < 50; i++) TestPublisher.publish(a.bus, Subjects.TICKET_CREATED, ticket(i));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(a.running.stats().applied() + b.running.stats().applied()).isGreaterThanOrEqualTo(50));
        await().during(Duration.ofMillis(EventBus.LEASE_TTL.toMillis() * 2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(a.owned()).isEqualTo(aBefore);
            assertThat(b.owned()).isEqualTo(bBefore);
        });
    }

    @Test
    void onePartitionsMessagesAreHandledInOrderManyAtATime() {
        Replica a = replica((e, d) -> {
            Thread.sleep(20);
            return Outcome.APPLIED;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.owned()).hasSize(config.partitions()));
        int partition = Partitions.of(ticket(0).partitionKey(), config.partitions());
        List<String> published = IntStream.range(0, 2000).filter(i -> Partitions.of(ticket(i).partitionKey(), config.partitions()) == partition)
                .limit(40).mapToObj(i -> ticket(i).id()).toList();
        for (String id : published) a.bus.publisher().publishAsync(OutgoingMessage.of(Subjects.TICKET_CREATED, ticketWithId(id)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(a.running.stats().applied()).isEqualTo(40));
        assertThat(a.listener.seen.stream().map(s -> s.event().id()).toList()).isEqualTo(published);
        assertThat(a.observedBatches.stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("more than one message of the partition in one batch").isGreaterThan(1);
    }

    private final class Replica {
        final EventBus bus = EventBus.connect(config);
        final RecordingListener<TicketCreatedEvent> listener;
        final RunningListener<TicketCreatedEvent> running;
        final List<Integer> observedBatches = new java.util.concurrent.CopyOnWriteArrayList<>();

        Replica(RecordingListener.Behaviour<TicketCreatedEvent> behaviour) {
            listener = new RecordingListener<>(Subjects.TICKET_CREATED, GROUP, behaviour);
            BatchScope counting = new BatchScope() {
                @Override
                public <T> T inOne(java.util.concurrent.Callable<T> work) throws Exception {
                    int before = listener.seen.size();
                    T result = work.call();
                    observedBatches.add(listener.seen.size() - before);
                    return result;
                }
            };
            running = bus.listen(listener, ListenerOptions.defaults(), counting);
        }

        Set<Integer> owned() {
            return running.ownedPartitions();
        }

        /** Gone without a word, as after kill -9: the heartbeat stops, the leases stay in the bucket. */
        void crash() {
            try {
                bus.connection().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Replica replica(RecordingListener.Behaviour<TicketCreatedEvent> behaviour) {
        Replica r = new Replica(behaviour);
        toClose.add(r.bus);
        return r;
    }

    private static TicketCreatedEvent ticket(int i) {
        return ticketWithId("ticket-" + i);
    }

    private static TicketCreatedEvent ticketWithId(String id) {
        return new TicketCreatedEvent(id, 0, "concert", new BigDecimal("10.00"), "user-1");
    }
}
