package dev.ticketing.orders.order;

import dev.ticketing.common.events.OrderStatus;
import java.time.Instant;
import java.util.UUID;

public record Order(UUID id, String userId, OrderStatus status, Instant expiresAt, UUID ticketId, long version) {
    public Order withStatus(OrderStatus next) {
        return new Order(id, userId, next, expiresAt, ticketId, version);
    }
}
