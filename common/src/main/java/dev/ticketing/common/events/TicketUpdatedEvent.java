package dev.ticketing.common.events;

import java.math.BigDecimal;

/** {@code orderId} is null when the ticket is not reserved; the field itself must be present. */
public record TicketUpdatedEvent(String id, long version, String title, BigDecimal price, String userId,
                                 String orderId) implements VersionedEvent {
    public TicketUpdatedEvent {
        Require.versioned(id, version);
        Require.text(title, "title");
        Require.positive(price, "price");
        Require.text(userId, "userId");
    }
}
