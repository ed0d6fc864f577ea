package dev.ticketing.payments.charge;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The local gateway's tables: one row per idempotency key, the first request's wins. */
class LocalGatewayBooks {
    record Charge(String id, BigDecimal amount, String currency, String token, String declineMessage) {
        boolean sameRequestAs(Charge other) {
            return amount.compareTo(other.amount) == 0 && currency.equals(other.currency) && token.equals(other.token);
        }
    }

    record Refund(String id, String chargeId) {
    }

    private static final RowMapper<Charge> CHARGE = (rs, n) -> new Charge(rs.getString("id"), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getString("token"), rs.getString("decline_message"));
    private final JdbcTemplate jdbc;

    LocalGatewayBooks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Books the charge under the key unless the key is known; returns what the key stands for. */
    Charge chargeOnce(String key, Charge c) {
        jdbc.update("insert into local_gateway_charge (id, idempotency_key, amount, currency, token, decline_message) "
                + "values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing",
                c.id(), key, c.amount(), c.currency(), c.token(), c.declineMessage());
        return jdbc.queryForObject("select * from local_gateway_charge where idempotency_key = ?", CHARGE, key);
    }

    Optional<Charge> findCharge(String id) {
        return jdbc.query("select * from local_gateway_charge where id = ?", CHARGE, id).stream().findFirst();
    }

    Refund refundOnce(String key, String refundId, String chargeId) {
        jdbc.update("insert into local_gateway_refund (id, idempotency_key, charge_id) values (?, ?, ?) "
                + "on conflict (idempotency_key) do nothing", refundId, key, chargeId);
        return jdbc.queryForObject("select id, charge_id from local_gateway_refund where idempotency_key = ?",
                (rs, n) -> new Refund(rs.getString(1), rs.getString(2)), key);
    }
}
