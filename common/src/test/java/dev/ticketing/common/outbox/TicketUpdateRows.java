package dev.ticketing.common.outbox;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import javax.sql.DataSource;

/** Outbox rows for the relay tests: ticket "t"'s updates, message ids {@code ticket:updated/t@<version>}. */
final class TicketUpdateRows {
    private TicketUpdateRows() {
    }

    /** Versions {@code from} to {@code to - 1}, one row each, in order. */
    static void add(DataSource dataSource, int from, int to) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            for (int v = from; v < to; v++) {
                OutboxWriter.add(c, Subjects.TICKET_UPDATED, new TicketUpdatedEvent("t", v, "t", BigDecimal.TEN, "u", null));
            }
        }
    }

    /** Rows not yet published. */
    static long pending(DataSource dataSource) throws Exception {
        return OutboxBacklog.read(dataSource).pending();
    }
}
