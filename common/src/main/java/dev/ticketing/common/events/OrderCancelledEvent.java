package dev.ticketing.common.events;

public record OrderCancelledEvent(String id, long version, TicketId ticket) implements VersionedEvent {
    public OrderCancelledEvent {
        Require.versioned(id, version);
        Require.present(ticket, "ticket");
    }

    public record TicketId(String id) {
        public TicketId {
            Require.text(id, "ticket.id");
        }
    }
}
