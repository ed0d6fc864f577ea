package dev.ticketing.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.payments.replica.OrderReplica;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentRuleTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private static OrderReplica order(OrderStatus status, Instant expiresAt) {
        return new OrderReplica(UUID.randomUUID(), "u", status, expiresAt, BigDecimal.TEN, 0);
    }

    @Test
    void anOpenOrderBeforeItsExpiryMayBePaid() {
        assertThat(PaymentRule.refusal(order(OrderStatus.CREATED, NOW.plusSeconds(1)), false, NOW)).isEmpty();
        assertThat(PaymentRule.refusal(order(OrderStatus.AWAITING_PAYMENT, NOW.plusSeconds(1)), false, NOW)).isEmpty();
    }

    @Test
    void anOrderIsRefusedWhenPaidCompleteCancelledOrExpired() {
        Instant later = NOW.plusSeconds(60);
        assertThat(PaymentRule.refusal(order(OrderStatus.CREATED, later), true, NOW)).hasValue("order already paid");
        assertThat(PaymentRule.refusal(order(OrderStatus.COMPLETE, later), false, NOW)).hasValue("order already paid");
        assertThat(PaymentRule.refusal(order(OrderStatus.CANCELLED, later), false, NOW)).hasValue("order is cancelled");
        assertThat(PaymentRule.refusal(order(OrderStatus.CREATED, NOW), false, NOW)).as("at its expiry").hasValue("order has expired");
    }

    @Test
    void theKeyStaysTheOrdersUntilADeclineMovesItOn() {
        UUID id = UUID.randomUUID();
        assertThat(ChargeAttempts.idempotencyKey(id, 0)).isEqualTo("order-" + id);
        assertThat(ChargeAttempts.idempotencyKey(id, 2)).isEqualTo("order-" + id + "-2");
    }
}
