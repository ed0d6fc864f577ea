package dev.ticketing.proof.check;

import java.math.BigDecimal;

/** One ticket as a database holds it; {@code writtenAtMillis} is when its current version was written. */
public record TicketRow(String id, String title, BigDecimal price, long version, String orderId, double writtenAtMillis) {
    boolean sameData(TicketRow other) {
        return title.equals(other.title) && price.compareTo(other.price) == 0;
    }
}
