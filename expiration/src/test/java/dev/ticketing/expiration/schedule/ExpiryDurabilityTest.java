package dev.ticketing.expiration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.Await;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestStream;
import dev.ticketing.common.testing.TestTokens;
import dev.ticketing.expiration.ExpirationApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Expiries survive a restart of the service: the schedule is in PostgreSQL, not in a timer. */
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

    private ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(ExpirationApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + engine.jdbcUrl("expiration"),
                "--ticketing.events.nats-url=" + engine.natsUrl(),
                "--ticketing.auth.jwt-key=" + TestTokens.SECRET);
    }

    private void orderCreated(String orderId, Duration expiresIn) {
        bus.publisher().publish(Subjects.ORDER_CREATED, new OrderCreatedEvent(orderId, 0, OrderStatus.CREATED, "buyer",
                Instant.now().plus(expiresIn), new OrderCreatedEvent.TicketRef(UUID.randomUUID().toString(), BigDecimal.TEN)));
    }

    private List<String> completions(String orderId) throws Exception {
        return TestStream.payloads(bus.connection(), "EVENTS", "events.expiration.complete", "expiration:complete/" + orderId);
    }

    private long scheduled(String orderId) {
        return service.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from expirations where order_id = ?", Long.class, orderId);
    }

    @Test
    void anExpiryScheduledBeforeARestartStillFiresOnceAfterIt() throws Exception {
        service = startService();
        String orderId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plusSeconds(5);
        orderCreated(orderId, Duration.ofSeconds(5));
        Await.until(Duration.ofSeconds(4), () -> scheduled(orderId) == 1, () -> "scheduled");

        service.close();
        assertThat(Instant.now()).as("restarted before the deadline").isBefore(deadline);
        service = startService();

        Await.until(Duration.ofSeconds(15), () -> {
            try {
                return completions(orderId).size() == 1;
            } catch (Exception e) {
                return false;
            }
        }, () -> "expiration:complete published");
        assertThat(Instant.now()).as("not before the deadline").isAfter(deadline);
        assertThat(completions(orderId)).containsExactly("{\"orderId\":\"" + orderId + "\"}");
    }

    @Test
    void aCancelledOrderDoesNotExpire() throws Exception {
        service = startService();
        String orderId = UUID.randomUUID().toString();
        orderCreated(orderId, Duration.ofSeconds(2));
        bus.publisher().publish(Subjects.ORDER_CANCELLED,
                new OrderCancelledEvent(orderId, 1, new OrderCancelledEvent.TicketId(UUID.randomUUID().toString())));
        String other = UUID.randomUUID().toString();
        orderCreated(other, Duration.ofSeconds(2));

        Await.until(Duration.ofSeconds(15), () -> {
            try {
                return completions(other).size() == 1;
            } catch (Exception e) {
                return false;
            }
        }, () -> "the other order expired");
        assertThat(completions(orderId)).isEmpty();
    }
}
