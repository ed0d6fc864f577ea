package dev.ticketing.common.events;

import dev.ticketing.common.ordering.Version;
import java.math.BigDecimal;

/**
 * A sourced ticket whose source versions by time: {@code {"id":"CZQ","version":"2026-05-01T12:00:00Z",...}}.
 * A version that is not an ISO-8601 instant (the seed's "05-01-12:00" has neither year nor zone) is poison.
 */
public record TimestampedTicketEvent(String id, String version, String title, BigDecimal price) implements SourcedTicketEvent {
    public TimestampedTicketEvent {
        Require.text(id, "id");
        Version.instant(version);
        Require.text(title, "title");
        Require.positive(price, "price");
    }

    @Override
    public Version sourceVersion() {
        return Version.instant(version);
    }
}
