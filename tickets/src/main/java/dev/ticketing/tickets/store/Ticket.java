package dev.ticketing.tickets.store;

import java.math.BigDecimal;
import java.util.UUID;

/** A ticket as stored. {@code orderId} is set while an order reserves it. Changes keep the version read. */
public record Ticket(UUID id, String title, BigDecimal price, String userId, String orderId, long version) {

    public static Ticket create(String title, BigDecimal price, String userId) {
        return new Ticket(UUID.randomUUID(), title, price, userId, null, 0);
    }

    public boolean isReserved() {
        return orderId != null;
    }

    public Ticket reservedBy(String order) {
        return new Ticket(id, title, price, userId, order, version);
    }

    public Ticket released() {
        return new Ticket(id, title, price, userId, null, version);
    }
}
