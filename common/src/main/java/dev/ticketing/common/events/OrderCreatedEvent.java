package dev.ticketing.common.events;

import java.math.BigDecimal;
import java.time.Instant;

public record OrderCreatedEvent(String id, long version, OrderStatus status, String userId, Instant expiresAt,
                                TicketRef ticket) implements VersionedEvent {
    public OrderCreatedEvent {
        Require.versioned(id, version);
        Require.present(status, "status");
        Require.text(userId, "userId");
        Require.present(expiresAt, "expiresAt");
        Require.present(ticket, "ticket");
    }

    public record TicketRef(String id, BigDecimal price) {
        public TicketRef {
            Require.text(id, "ticket.id");
            Require.positive(price, "ticket.price");
        }
    }
}
