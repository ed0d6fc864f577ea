package dev.ticketing.common.events;

/** The order was paid; {@code version} is the order's new version. */
public record OrderCompletedEvent(String id, long version, TicketId ticket) implements VersionedEvent {
    public OrderCompletedEvent {
        Require.versioned(id, version);
        Require.present(ticket, "ticket");
    }

    public record TicketId(String id) {
        public TicketId {
            Require.text(id, "ticket.id");
        }
    }
}
