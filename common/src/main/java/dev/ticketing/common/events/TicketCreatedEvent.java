package dev.ticketing.common.events;

import java.math.BigDecimal;

public record TicketCreatedEvent(String id, long version, String title, BigDecimal price, String userId)
        implements VersionedEvent {
    public TicketCreatedEvent {
        Require.versioned(id, version);
        Require.text(title, "title");
        Require.positive(price, "price");
        Require.text(userId, "userId");
    }
}
