package dev.ticketing.payments.replica;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCompletedEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderReplicationTest extends ServiceIntegrationTest {
    private static final Instant EXPIRES = Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MICROS);

    @Autowired
    OrderReplication replication;

    @Autowired
    OrderReplicaRepository replicas;

    private static OrderCreatedEvent created(UUID id) {
        return new OrderCreatedEvent(id.toString(), 0, OrderStatus.CREATED, "buyer", EXPIRES,
                new OrderCreatedEvent.TicketRef("t-" + id, new BigDecimal("42.50")));
    }

    private static OrderCancelledEvent cancelled(UUID id, long version) {
        return new OrderCancelledEvent(id.toString(), version, new OrderCancelledEvent.TicketId("t-" + id));
    }

    private static OrderCompletedEvent completed(UUID id, long version) {
        return new OrderCompletedEvent(id.toString(), version, new OrderCompletedEvent.TicketId("t-" + id));
    }

    private OrderReplica stored(UUID id) {
        return replicas.find(id).orElseThrow();
    }

    @Test
    void storesACreatedOrderOnceWithItsOwnerExpiryAndTicketPrice() {
        UUID id = UUID.randomUUID();
        assertThat(replication.created(created(id))).isEqualTo(Outcome.APPLIED);
        assertThat(replication.created(created(id))).as("redelivered").isEqualTo(Outcome.DUPLICATE);
        OrderReplica o = stored(id);
        assertThat(o.userId()).isEqualTo("buyer");
        assertThat(o.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(o.expiresAt()).isEqualTo(EXPIRES);
        assertThat(o.price()).isEqualByComparingTo("42.50");
        assertThat(o.version()).isZero();
    }

    @Test
    void appliesTheNextVersionOnlyAndIgnoresOlderOnes() {
        UUID id = UUID.randomUUID();
        replication.created(created(id));
        assertThat(replication.completed(completed(id, 2))).as("a gap").isEqualTo(Outcome.NOT_YET);
        assertThat(stored(id).status()).isEqualTo(OrderStatus.CREATED);
        assertThat(replication.completed(completed(id, 1))).isEqualTo(Outcome.APPLIED);
        assertThat(stored(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(stored(id).version()).isEqualTo(1);
        assertThat(replication.cancelled(cancelled(id, 1))).as("same version again").isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(id).status()).isEqualTo(OrderStatus.COMPLETE);
    }

    @Test
    void aChangeBeforeItsCreateWaits() {
        UUID id = UUID.randomUUID();
        assertThat(replication.cancelled(cancelled(id, 1))).isEqualTo(Outcome.NOT_YET);
        assertThat(replicas.find(id)).isEmpty();
    }

    @Test
    void eventsArrivingBackwardsThroughTheBrokerEndInOrder() throws Exception {
        UUID id = UUID.randomUUID();
        TestPublisher.publish(bus, Subjects.ORDER_CANCELLED, cancelled(id, 1));
        TestPublisher.publish(bus, Subjects.ORDER_CREATED, created(id));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(replicas.find(id)).hasValueSatisfying(o -> assertThat(o.version()).isEqualTo(1)));
        assertThat(stored(id).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void orderCompletedThroughTheBrokerCompletesTheReplica() throws Exception {
        UUID id = UUID.randomUUID();
        TestPublisher.publish(bus, Subjects.ORDER_CREATED, created(id));
        TestPublisher.publish(bus, Subjects.ORDER_COMPLETED, completed(id, 1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(replicas.find(id)).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(OrderStatus.COMPLETE)));
    }
}
