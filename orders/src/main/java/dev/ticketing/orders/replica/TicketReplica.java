package dev.ticketing.orders.replica;

import java.math.BigDecimal;
import java.util.UUID;

/** This service's copy of a ticket, at the owner's version. */
public record TicketReplica(UUID id, String title, BigDecimal price, long version) {
}
