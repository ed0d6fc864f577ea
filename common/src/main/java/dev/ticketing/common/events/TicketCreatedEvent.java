package dev.ticketing.common.events;

import java.math.BigDecimal;

public record TicketCreatedEvent(String id, long version, String title, BigDecimal price, String userId)
        implements Event {
    public TicketCreatedEvent {
        Require.text(id, "id");
        Require.notNegative(version, "version");
        Require.text(title, "title");
        Require.positive(price, "price");
        Require.text(userId, "userId");
    }

    @Override
    public String eventKey() {
        return id + "@" + version;
    }
}
