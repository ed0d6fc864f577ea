package dev.ticketing.tickets.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Optimistic concurrency control, as the course tests it. */
class TicketRepositoryTest extends ServiceIntegrationTest {
    @Autowired
    TicketRepository tickets;

    @Test
    void aSaveOverAStaleVersionFails() {
        Ticket ticket = tickets.insert(Ticket.create("concert", new BigDecimal("5"), "user-1"));

        Ticket first = tickets.find(ticket.id()).orElseThrow();
        Ticket second = tickets.find(ticket.id()).orElseThrow();

        tickets.save(priced(first, "10"));
        assertThatThrownBy(() -> tickets.save(priced(second, "15")))
                .isInstanceOf(StaleVersionException.class);
        Ticket stored = tickets.find(ticket.id()).orElseThrow();
        assertThat(stored.price()).isEqualByComparingTo("10");
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void theVersionGoesUpByOneOnEverySave() {
        Ticket ticket = tickets.insert(Ticket.create("concert", new BigDecimal("20"), "user-1"));
        assertThat(ticket.version()).isZero();
        Ticket v1 = tickets.save(priced(ticket, "10"));
        assertThat(v1.version()).isEqualTo(1);
        Ticket v2 = tickets.save(priced(v1, "15"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(tickets.find(ticket.id()).orElseThrow().version()).isEqualTo(2);
    }

    /** The same ticket at another price, still at the version it was read at. */
    private static Ticket priced(Ticket t, String price) {
        return new Ticket(t.id(), t.title(), new BigDecimal(price), t.userId(), t.orderId(), t.version());
    }
}
