package dev.ticketing.tickets.api;

import dev.ticketing.tickets.store.Ticket;
import java.math.BigDecimal;

public record TicketResponse(String id, String title, BigDecimal price, String userId, String orderId, long version) {
    static TicketResponse of(Ticket t) {
        return new TicketResponse(t.id().toString(), t.title(), t.price(), t.userId(), t.orderId(), t.version());
    }
}
