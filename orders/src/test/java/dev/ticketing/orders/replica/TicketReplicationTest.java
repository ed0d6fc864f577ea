package dev.ticketing.orders.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.ordering.VersionRule;
import dev.ticketing.common.testing.Await;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The course's listener tests, on the real database, plus ordering through the real broker. */
class TicketReplicationTest extends ServiceIntegrationTest {
    private static final Delivery DELIVERY = new Delivery("ticket:updated", "m", 1, 1, Instant.now());

    @Autowired
    TicketCreatedListener created;

    @Autowired
    TicketUpdatedListener updated;

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
    void createsAndSavesATicketWithTheOwnersIdAndVersion() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(created.onMessage(create(id, 0), DELIVERY)).isEqualTo(Outcome.APPLIED);
        TicketReplica t = stored(id);
        assertThat(t.title()).isEqualTo("concert");
        assertThat(t.price()).isEqualByComparingTo("10");
        assertThat(t.version()).isZero();
        assertThat(created.onMessage(create(id, 0), DELIVERY)).as("duplicate").isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void findsUpdatesAndSavesTheNextVersion() throws Exception {
        UUID id = UUID.randomUUID();
        created.onMessage(create(id, 0), DELIVERY);
        assertThat(updated.onMessage(update(id, 1, "15"), DELIVERY)).isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
        assertThat(stored(id).title()).isEqualTo("concert v1");
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void aSkippedVersionIsNotAppliedAndNotAcked() throws Exception {
        UUID id = UUID.randomUUID();
        created.onMessage(create(id, 0), DELIVERY);
        assertThat(updated.onMessage(update(id, 2, "99"), DELIVERY)).isEqualTo(Outcome.NOT_YET);
        assertThat(stored(id).version()).isZero();
        assertThat(stored(id).price()).isEqualByComparingTo("10");
    }

    @Test
    void anOlderOrEqualVersionIsADuplicate() throws Exception {
        UUID id = UUID.randomUUID();
        created.onMessage(create(id, 0), DELIVERY);
        updated.onMessage(update(id, 1, "15"), DELIVERY);
        assertThat(updated.onMessage(update(id, 1, "77"), DELIVERY)).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).price()).isEqualByComparingTo("15");
    }

    @Test
    void anUpdateBeforeTheCreateWaits() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(updated.onMessage(update(id, 1, "15"), DELIVERY)).isEqualTo(Outcome.NOT_YET);
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
    void theVersionModeIsNextByDefaultAndMustBeKnown() {
        assertThat(replication.rule()).isEqualTo(VersionRule.NEXT_VERSION);
        assertThat(new TicketReplication(replicas, "any-newer").rule()).isEqualTo(VersionRule.ANY_NEWER);
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
        Await.until(Duration.ofSeconds(10), () -> replicas.find(id).map(t -> t.version() == 3).orElse(false),
                () -> "replica at " + replicas.find(id));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no ack-wait stall").isLessThan(Duration.ofSeconds(8));
        assertThat(stored(id).price()).isEqualByComparingTo("30");
        assertThat(stored(id).title()).isEqualTo("concert v3");
    }
}
