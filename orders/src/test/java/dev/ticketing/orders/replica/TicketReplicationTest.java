package dev.ticketing.orders.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The course's listener tests, handlers called directly on the real database, plus ordering through the real broker. */
class TicketReplicationTest extends ServiceIntegrationTest {
    @Autowired
    TicketReplicaRepository replicas;

    @Autowired
    TicketReplication replication;

    private static TicketCreatedEvent create(UUID id, long version) {
        return new TicketCreatedEvent(id.toString(), version, "concert", new BigDecimal("10.00"), "owner");
    }

    private static TicketUpdatedEvent update(UUID id, long version, String price) {
        return new TicketUpdatedEvent(id.toString(), version, "concert v" + version, new BigDecimal(price), "owner", null);
    }

    private TicketReplica stored(UUID id) {
        return replicas.find(id).orElseThrow();
    }

    @Test
    void createsAndSavesATicketWithTheOwnersIdAndVersion() {
        UUID id = UUID.randomUUID();
        assertThat(replication.created(create(id, 0))).isEqualTo(Outcome.APPLIED);
        TicketReplica t = stored(id);
        assertThat(t.title()).isEqualTo("concert");
        assertThat(t.price()).isEqualByComparingTo("10");
        assertThat(t.version()).isZero();
        assertThat(replication.created(create(id, 0))).as("duplicate").isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void findsUpdatesAndSavesTheNextVersion() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        assertThat(replication.updated(update(id, 1, "15"))).isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
        assertThat(stored(id).title()).isEqualTo("concert v1");
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void aSkippedVersionIsNotAppliedAndNotAcked() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        assertThat(replication.updated(update(id, 2, "99"))).isEqualTo(Outcome.NOT_YET);
        assertThat(stored(id).version()).isZero();
        assertThat(stored(id).price()).isEqualByComparingTo("10");
    }

    @Test
    void anOlderOrEqualVersionIsADuplicate() {
        UUID id = UUID.randomUUID();
        replication.created(create(id, 0));
        replication.updated(update(id, 1, "15"));
        assertThat(replication.updated(update(id, 1, "77"))).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
    }

    @Test
    void anUpdateBeforeTheCreateWaits() {
        UUID id = UUID.randomUUID();
        assertThat(replication.updated(update(id, 1, "15"))).isEqualTo(Outcome.NOT_YET);
        assertThat(replicas.find(id)).isEmpty();
    }

    @Test
    void anyNewerModeStoresTheSourcesOwnVersions() {
        TicketReplication mystery = new TicketReplication(replicas, "any-newer");
        UUID id = UUID.randomUUID();
        assertThat(mystery.created(create(id, 100))).isEqualTo(Outcome.APPLIED);
        assertThat(mystery.updated(update(id, 300, "15"))).isEqualTo(Outcome.APPLIED);
        assertThat(mystery.updated(update(id, 200, "10"))).as("older than stored").isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).version()).isEqualTo(300);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
        assertThat(mystery.updated(update(UUID.randomUUID(), 5, "1"))).isEqualTo(Outcome.NOT_YET);
    }

    @Test
    void anUnknownVersionModeIsRefused() {
        assertThatThrownBy(() -> new TicketReplication(replicas, "sometimes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsArrivingBackwardsThroughTheBrokerEndInOrderWithinSeconds() throws Exception {
        UUID id = UUID.randomUUID();
        bus.publisher().publish(Subjects.TICKET_UPDATED, update(id, 3, "30"));
        bus.publisher().publish(Subjects.TICKET_UPDATED, update(id, 2, "20"));
        bus.publisher().publish(Subjects.TICKET_UPDATED, update(id, 1, "15"));
        bus.publisher().publish(Subjects.TICKET_CREATED, create(id, 0));
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(replicas.find(id)).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no ack-wait stall").isLessThan(Duration.ofSeconds(8));
        assertThat(stored(id).price()).isEqualByComparingTo("30");
        assertThat(stored(id).title()).isEqualTo("concert v3");
    }
}
