package dev.ticketing.tickets.reservations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.Await;
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
    private static final Delivery DELIVERY = new Delivery("order:created", "m", 1, 1, Instant.now());

    @Autowired
    OrderCreatedListener created;

    @Autowired
    OrderCancelledListener cancelled;

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
    void orderCreatedReservesTheTicketAndEmitsTicketUpdated() throws Exception {
        Ticket t = ticket();
        assertThat(created.onMessage(orderCreated(order("o-1"), t), DELIVERY)).isEqualTo(Outcome.APPLIED);

        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);
        assertThat(updates(t)).hasSize(1);
        assertThat((String) updates(t).get(0).get("payload")).contains("\"version\":1").contains("\"orderId\":\"" + order("o-1") + "\"");
    }

    @Test
    void aDuplicateOrderCreatedChangesNothing() throws Exception {
        Ticket t = ticket();
        created.onMessage(orderCreated(order("o-1"), t), DELIVERY);
        assertThat(created.onMessage(orderCreated(order("o-1"), t), DELIVERY)).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).version()).isEqualTo(1);
        assertThat(updates(t)).hasSize(1);
    }

    @Test
    void aNextOrderWaitsUntilTheHolderIsCancelled() throws Exception {
        Ticket t = ticket();
        created.onMessage(orderCreated(order("o-1"), t), DELIVERY);
        assertThat(created.onMessage(orderCreated(order("o-2"), t), DELIVERY)).isEqualTo(Outcome.NOT_YET);
        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);

        cancelled.onMessage(orderCancelled(order("o-1"), t), DELIVERY);
        assertThat(created.onMessage(orderCreated(order("o-2"), t), DELIVERY)).isEqualTo(Outcome.APPLIED);
        assertThat(stored(t).orderId()).isEqualTo(order("o-2"));
        assertThat(stored(t).version()).isEqualTo(3);
    }

    @Test
    void orderCancelledReleasesTheTicketAndEmitsTicketUpdated() throws Exception {
        Ticket t = ticket();
        created.onMessage(orderCreated(order("o-1"), t), DELIVERY);
        assertThat(cancelled.onMessage(orderCancelled(order("o-1"), t), DELIVERY)).isEqualTo(Outcome.APPLIED);

        assertThat(stored(t).orderId()).isNull();
        assertThat(stored(t).version()).isEqualTo(2);
        assertThat(updates(t)).hasSize(2);
        assertThat((String) updates(t).get(1).get("payload")).contains("\"version\":2").contains("\"orderId\":null");
        assertThat(cancelled.onMessage(orderCancelled(order("o-1"), t), DELIVERY)).as("duplicate").isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).version()).isEqualTo(2);
    }

    @Test
    void aCancelOfAnotherOrderDoesNotRelease() throws Exception {
        Ticket t = ticket();
        created.onMessage(orderCreated(order("o-1"), t), DELIVERY);
        assertThat(cancelled.onMessage(orderCancelled(order("o-other"), t), DELIVERY)).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).orderId()).isEqualTo(order("o-1"));
        assertThat(stored(t).version()).isEqualTo(1);
    }

    @Test
    void aCancelThatArrivesBeforeItsCreateIsNotLost() throws Exception {
        Ticket t = ticket();
        assertThat(cancelled.onMessage(orderCancelled(order("o-late"), t), DELIVERY)).isEqualTo(Outcome.DUPLICATE);
        assertThat(created.onMessage(orderCreated(order("o-late"), t), DELIVERY)).isEqualTo(Outcome.DUPLICATE);
        assertThat(stored(t).orderId()).as("the cancelled order never holds the ticket").isNull();
        assertThat(stored(t).version()).isZero();
        assertThat(updates(t)).isEmpty();
    }

    @Test
    void throughTheBrokerTheTicketIsReservedAckedAndTicketUpdatedPublished() throws Exception {
        Ticket t = ticket();
        bus.publisher().publish(Subjects.ORDER_CREATED, orderCreated("o-" + UUID.randomUUID(), t));
        Await.until(Duration.ofSeconds(10), () -> stored(t).orderId() != null, () -> "reserved");
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                return onStream("events.ticket.updated", "ticket:updated/" + t.id() + "@").size() == 1;
            } catch (Exception e) {
                return false;
            }
        }, () -> "ticket:updated on the stream");
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                return bus.connection().jetStreamManagement().getConsumerInfo("EVENTS", created.durableName())
                        .getNumAckPending() == 0;
            } catch (Exception e) {
                return false;
            }
        }, () -> "acked");
        assertThat(stored(t).version()).isEqualTo(1);
    }
}
