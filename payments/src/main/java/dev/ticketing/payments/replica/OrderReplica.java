package dev.ticketing.payments.replica;

import dev.ticketing.common.events.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** This service's copy of an order, at the owner's version; {@code price} is its ticket's price. */
public record OrderReplica(UUID id, String userId, OrderStatus status, Instant expiresAt, BigDecimal price, long version) {
}
