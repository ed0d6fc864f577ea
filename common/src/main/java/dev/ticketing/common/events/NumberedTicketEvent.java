package dev.ticketing.common.events;

import dev.ticketing.common.ordering.Version;
import java.math.BigDecimal;

/** A sourced ticket whose source numbers its versions with gaps: {@code {"id":"CZQ","version":300,...}}. */
public record NumberedTicketEvent(String id, long version, String title, BigDecimal price) implements SourcedTicketEvent {
    public NumberedTicketEvent {
        Require.versioned(id, version);
        Require.text(title, "title");
        Require.positive(price, "price");
    }

    @Override
    public Version sourceVersion() {
        return Version.number(version);
    }
}
