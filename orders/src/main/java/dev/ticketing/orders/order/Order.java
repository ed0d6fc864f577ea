package dev.ticketing.orders.order;

import dev.ticketing.common.events.OrderStatus;
import java.time.Instant;
import java.util.UUID;

/** {@code paymentId} is the payment that completed the order, null before. */
public record Order(UUID id, String userId, OrderStatus status, Instant expiresAt, UUID ticketId, long version,
                    UUID paymentId) {
    public Order withStatus(OrderStatus next) {
        return new Order(id, userId, next, expiresAt, ticketId, version, paymentId);
    }

    public Order completedBy(UUID payment) {
        return new Order(id, userId, OrderStatus.COMPLETE, expiresAt, ticketId, version, payment);
    }

    Order nextVersion() {
        return new Order(id, userId, status, expiresAt, ticketId, version + 1, paymentId);
    }
}
