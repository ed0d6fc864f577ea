package dev.ticketing.expiration.schedule;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.common.testing.TestStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Expiries survive a restart of the service: the schedule is in PostgreSQL, not in a timer. No other
 * expiration context may run meanwhile (ExpirationApplicationTest closes its own), or it would stand in
 * for the stopped one.
 */
class ExpiryDurabilityTest {
    private final TestEngine engine = TestEngine.shared();
    private EventBus bus;
    private ConfigurableApplicationContext service;

    @BeforeEach
    void connect() {
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "expiry-test"));
    }

    @AfterEach
    void close() {
        if (service != null) service.close();
        bus.close();
    }

    private void stopService() {
        service.close();
        service = null;
    }

    private void orderCreated(String orderId, Instant expiresAt) {
        TestPublisher.publish(bus, Subjects.ORDER_CREATED, new OrderCreatedEvent(orderId, 0, OrderStatus.CREATED, "buyer",
                expiresAt, new OrderCreatedEvent.TicketRef(UUID.randomUUID().toString(), BigDecimal.TEN)));
    }

    private List<String> completions(String orderId) {
        try {
            return TestStream.payloads(bus.connection(), "EVENTS", "events.expiration.complete", "expiration:complete/" + orderId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the stream", e);
        }
    }

    private void awaitScheduled(String orderId) {
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from expirations where order_id = ?", Long.class, orderId)).as("scheduled").isEqualTo(1));
    }

    private void awaitOneCompletion(String orderId) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(completions(orderId)).hasSize(1));
        assertThat(TestJson.read(completions(orderId).get(0)).get("orderId").asString()).isEqualTo(orderId);
    }

    @Test
    void anExpiryScheduledBeforeARestartStillFiresOnceAfterIt() {
        service = ExpirationServices.start();
        String orderId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plusSeconds(5);
        orderCreated(orderId, deadline);
        awaitScheduled(orderId);

        stopService();
        service = ExpirationServices.start();
        assertThat(Instant.now()).as("restarted before the deadline").isBefore(deadline);

        awaitOneCompletion(orderId);
        assertThat(Instant.now()).as("not before the deadline").isAfter(deadline);
    }

    @Test
    void anExpiryDueWhileTheServiceIsDownFiresWhenItComesBack() throws Exception {
        service = ExpirationServices.start();
        String orderId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plusSeconds(2);
        orderCreated(orderId, deadline);
        awaitScheduled(orderId);

        stopService();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 500);
        assertThat(completions(orderId)).as("nothing fires while the service is down").isEmpty();

        service = ExpirationServices.start();
        awaitOneCompletion(orderId);
    }

    @Test
    void anExpiryScheduledWhileTheSchedulerSleepsFiresAtItsTimeNotAtTheNextPoll() {
        service = ExpirationServices.start("--expiration.poll-interval=1h");
        String orderId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plusSeconds(2);
        orderCreated(orderId, deadline);

        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(completions(orderId)).hasSize(1));
        assertThat(Instant.now()).as("not before the deadline").isAfter(deadline);
    }

    @Test
    void aCancelledOrderDoesNotExpire() {
        service = ExpirationServices.start();
        String orderId = UUID.randomUUID().toString();
        orderCreated(orderId, Instant.now().plusSeconds(2));
        TestPublisher.publish(bus, Subjects.ORDER_CANCELLED,
                new OrderCancelledEvent(orderId, 1, new OrderCancelledEvent.TicketId(UUID.randomUUID().toString())));
        String other = UUID.randomUUID().toString();
        orderCreated(other, Instant.now().plusSeconds(2));

        awaitOneCompletion(other);
        assertThat(completions(orderId)).isEmpty();
    }
}
