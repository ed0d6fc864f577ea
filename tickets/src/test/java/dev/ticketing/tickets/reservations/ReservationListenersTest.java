package dev.ticketing.tickets.reservations;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import dev.ticketing.tickets.store.Ticket;
import dev.ticketing.tickets.store.TicketRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReservationListenersTest extends ServiceIntegrationTest {
    @Autowired
    Reservations reservations;

    @Autowired
    Listener<OrderCreatedEvent> orderCreatedListener;

    @Autowired
    TicketRepository tickets;

    /** Order ids unique to each test: cancelled orders are remembered across tests in the same database. */
    private final String run = UUID.randomUUID().toString();

    private String order(String name) {
        return name + "-" + run;
    }

    private Ticket ticket() {
        return tickets.insert(Ticket.create("concert", new BigDecimal("20"), "owner"));
    }

    private static OrderCreatedEvent orderCreated(String orderId, Ticket t) {
        return new OrderCreatedEvent(orderId, 0, OrderStatus.CREATED, "buyer", Instant.now().plusSeconds(900),
                new OrderCreatedEvent.TicketRef(t.id().toString(), t.price()));
    }

    private static OrderCancelledEvent orderCancelled(String orderId, Ticket t) {
        return new OrderCancelledEvent(orderId, 1, new OrderCancelledEvent.TicketId(t.id().toString()));
    }

    private Ticket stored(Ticket t) {
        return tickets.find(t.id()).orElseThrow();
    }

    private List<Map<String, Object>> updates(Ticket t) {
        return outbox("ticket:updated/" + t.id() + "@");
    }

    @Test
    void orderCreatedReservesTheTicketAndEmitsTicketUpdated() {
        Ticket t = ticket();
        assertThat(reservations.reserve(orderCreated(order("o-1"), t))).isEqualTo(Outcome.APPLIED);

        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);
        assertThat(updates(t)).hasSize(1);
        assertThat((String) updates(t).get(0).get("payload")).contains("\"version\":1").contains("\"orderId\":\"" + order("o-1") + "\"");
    }

    @Test
    void aDuplicateOrderCreatedChangesNothing() {
        Ticket t = ticket();
        reservations.reserve(orderCreated(order("o-1"), t));
        assertThat(reservations.reserve(orderCreated(order("o-1"), t))).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).version()).isEqualTo(1);
        assertThat(updates(t)).hasSize(1);
    }

    @Test
    void aNextOrderWaitsUntilTheHolderIsCancelled() {
        Ticket t = ticket();
        reservations.reserve(orderCreated(order("o-1"), t));
        assertThat(reservations.reserve(orderCreated(order("o-2"), t))).isEqualTo(Outcome.NOT_YET);
        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);

        reservations.release(orderCancelled(order("o-1"), t));
        assertThat(reservations.reserve(orderCreated(order("o-2"), t))).isEqualTo(Outcome.APPLIED);
        assertThat(stored(t).orderId()).isEqualTo(order("o-2"));
        assertThat(stored(t).version()).isEqualTo(3);
    }

    @Test
    void orderCancelledReleasesTheTicketAndEmitsTicketUpdated() {
        Ticket t = ticket();
        reservations.reserve(orderCreated(order("o-1"), t));
        assertThat(reservations.release(orderCancelled(order("o-1"), t))).isEqualTo(Outcome.APPLIED);

        assertThat(stored(t).orderId()).isNull();
        assertThat(stored(t).version()).isEqualTo(2);
        assertThat(updates(t)).hasSize(2);
        assertThat((String) updates(t).get(1).get("payload")).contains("\"version\":2").contains("\"orderId\":null");
        assertThat(reservations.release(orderCancelled(order("o-1"), t))).as("duplicate").isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).version()).isEqualTo(2);
    }

    @Test
    void aCancelOfAnotherOrderDoesNotRelease() {
        Ticket t = ticket();
        reservations.reserve(orderCreated(order("o-1"), t));
        assertThat(reservations.release(orderCancelled(order("o-other"), t))).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);
    }

    @Test
    void aCancelThatArrivesBeforeItsCreateIsNotLost() {
        Ticket t = ticket();
        assertThat(reservations.release(orderCancelled(order("o-late"), t))).isEqualTo(Outcome.DUPLICATE);
        assertThat(reservations.reserve(orderCreated(order("o-late"), t))).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).orderId()).as("the cancelled order never holds the ticket").isNull();
        assertThat(stored(t).version()).isZero();
        assertThat(updates(t)).isEmpty();
    }

    @Test
    void throughTheBrokerTheTicketIsReservedAckedAndTicketUpdatedPublished() throws Exception {
        Ticket t = ticket();
        TestPublisher.publish(bus, Subjects.ORDER_CREATED, orderCreated("o-" + UUID.randomUUID(), t));
        await("reserved").atMost(Duration.ofSeconds(10)).until(() -> stored(t).orderId() != null);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(onStream("events.ticket.updated", "ticket:updated/" + t.id() + "@")).hasSize(1));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(bus.backlog(orderCreatedListener).ackPending()).isZero());
        assertThat(stored(t).version()).isEqualTo(1);
    }
}
