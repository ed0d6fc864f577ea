package dev.ticketing.payments.payment;

import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.payments.replica.OrderReplica;
import java.time.Instant;
import java.util.Optional;

/** Whether an order, as the replica knows it, may be paid now: the reason it may not, if any. */
final class PaymentRule {
    static final String ALREADY_PAID = "order already paid";

    private PaymentRule() {
    }

    static Optional<String> refusal(OrderReplica order, boolean paid, Instant now) {
        if (paid || order.status() == OrderStatus.COMPLETE) return Optional.of(ALREADY_PAID);
        if (order.status() == OrderStatus.CANCELLED) return Optional.of("order is cancelled");
        if (!order.expiresAt().isAfter(now)) return Optional.of("order has expired");
        return Optional.empty();
    }
}
