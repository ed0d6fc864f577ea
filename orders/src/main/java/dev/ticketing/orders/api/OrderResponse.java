package dev.ticketing.orders.api;

import dev.ticketing.orders.order.Order;
import dev.ticketing.orders.replica.TicketReplica;
import java.math.BigDecimal;
import java.time.Instant;

/** An order with the ticket it holds, as the replica knows it (null when the replica has no such ticket). */
public record OrderResponse(String id, String userId, String status, Instant expiresAt, TicketView ticket, long version) {
    public record TicketView(String id, String title, BigDecimal price) {
        static TicketView of(TicketReplica t) {
            return new TicketView(t.id().toString(), t.title(), t.price());
        }
    }

    static OrderResponse of(Order o, TicketView ticket) {
        return new OrderResponse(o.id().toString(), o.userId(), o.status().wire(), o.expiresAt(), ticket, o.version());
    }
}
