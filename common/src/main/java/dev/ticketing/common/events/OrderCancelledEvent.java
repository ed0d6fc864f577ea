package dev.ticketing.common.events;

public record OrderCancelledEvent(String id, long version, TicketId ticket) implements Event {
    public OrderCancelledEvent {
        Require.text(id, "id");
        Require.notNegative(version, "version");
        Require.present(ticket, "ticket");
    }

    @Override
    public String eventKey() {
        return id + "@" + version;
    }

    public record TicketId(String id) {
        public TicketId {
            Require.text(id, "ticket.id");
        }
    }
}
