package dev.ticketing.payments.payment;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency key of an order's charge. It stays the same until the gateway declines it, so a retried
 * or concurrent request, or one after a crash, is the same charge; a gateway answers a declined key with
 * the same decline forever, so only a decline moves the order on to the next key.
 */
@Repository
class ChargeAttempts {
    private final JdbcTemplate jdbc;

    ChargeAttempts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many keys of the order were declined: the number of the attempt to make now. */
    long current(UUID orderId) {
        return jdbc.queryForList("select declined from charge_attempts where order_id = ?", Long.class, orderId).stream()
                .findFirst().orElse(0L);
    }

    /** Attempt n was declined: the next attempt is n + 1 (never back, whoever records it first). */
    void declined(UUID orderId, long attempt) {
        jdbc.update("insert into charge_attempts (order_id, declined) values (?, ?) "
                + "on conflict (order_id) do update set declined = greatest(charge_attempts.declined, excluded.declined)",
                orderId, attempt + 1);
    }

    static String idempotencyKey(UUID orderId, long attempt) {
        return attempt == 0 ? "order-" + orderId : "order-" + orderId + "-" + attempt;
    }
}
