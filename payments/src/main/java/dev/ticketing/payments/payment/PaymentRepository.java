package dev.ticketing.payments.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Payments in PostgreSQL; one per order (unique order_id); changes are optimistic (over the version read). */
@Repository
public class PaymentRepository {
    private static final String COLUMNS = "id, order_id, user_id, charge_id, amount, currency, status, refund_id, version";
    private final JdbcTemplate jdbc;

    public PaymentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the order has a payment already */
    void insert(Payment p) {
        jdbc.update("insert into payments (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.orderId(), p.userId(),
                p.chargeId(), p.amount(), p.currency(), p.status().wire(), p.refundId(), p.version());
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from payments where id = ?", PaymentRepository::map, id).stream().findFirst();
    }

    boolean existsForOrder(UUID orderId) {
        return !jdbc.queryForList("select 1 from payments where order_id = ?", Integer.class, orderId).isEmpty();
    }

    /** Saves over the version read; returns the payment at its next version, empty when it lost a race. */
    public Optional<Payment> save(Payment changed) {
        int rows = jdbc.update("update payments set status = ?, refund_id = ?, version = version + 1 where id = ? and version = ?",
                changed.status().wire(), changed.refundId(), changed.id(), changed.version());
        return rows == 1 ? Optional.of(changed.nextVersion()) : Optional.empty();
    }

    private static Payment map(ResultSet rs, int n) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class), rs.getString("user_id"),
                rs.getString("charge_id"), rs.getBigDecimal("amount"), rs.getString("currency"),
                PaymentStatus.fromWire(rs.getString("status")), rs.getString("refund_id"), rs.getLong("version"));
    }
}
