package dev.ticketing.orders.order;

import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.paging.Page;
import dev.ticketing.common.paging.PageCursor;
import dev.ticketing.common.paging.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Orders in PostgreSQL; status changes are optimistic (over the version read). */
@Repository
public class OrderRepository {
    private static final String COLUMNS = "id, user_id, status, expires_at, ticket_id, version, payment_id";
    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Order insert(Order o) {
        jdbc.update("insert into orders (id, user_id, status, expires_at, ticket_id, version) values (?, ?, ?, ?, ?, ?)",
                o.id(), o.userId(), o.status().wire(), Timestamp.from(o.expiresAt()), o.ticketId(), o.version());
        return o;
    }

    public Optional<Order> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from orders where id = ?", OrderRepository::map, id).stream().findFirst();
    }

    /** The user's orders, newest first. */
    public Page<Order> findByUser(String userId, PageRequest page) {
        PageCursor after = page.after();
        String where = after == null ? "" : " and (created_at, id) < (?, ?)";
        Object[] args = after == null ? new Object[] {userId, page.fetchSize()}
                : new Object[] {userId, OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC), after.id(), page.fetchSize()};
        List<Page.Row<Order>> rows = jdbc.query("select " + COLUMNS + ", created_at from orders where user_id = ?" + where
                + " order by created_at desc, id desc limit ?", (rs, n) -> new Page.Row<>(map(rs, n), cursor(rs)), args);
        return Page.of(rows, page);
    }

    public boolean ticketIsReserved(UUID ticketId) {
        return !jdbc.queryForList("select 1 from orders where ticket_id = ? and status <> 'cancelled'", Integer.class, ticketId)
                .isEmpty();
    }

    /** Saves over the version read; returns the order at its next version, empty when it lost a race. */
    public Optional<Order> save(Order changed) {
        int rows = jdbc.update("update orders set status = ?, payment_id = ?, version = version + 1 where id = ? and version = ?",
                changed.status().wire(), changed.paymentId(), changed.id(), changed.version());
        return rows == 1 ? Optional.of(changed.nextVersion()) : Optional.empty();
    }

    /** Remembers a refused payment; true the first time only. */
    public boolean rememberRejected(UUID paymentId, UUID orderId) {
        return jdbc.update("insert into rejected_payments (payment_id, order_id) values (?, ?) on conflict (payment_id) do nothing",
                paymentId, orderId) == 1;
    }

    private static PageCursor cursor(ResultSet rs) throws SQLException {
        return new PageCursor(rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("id", UUID.class));
    }

    private static Order map(ResultSet rs, int n) throws SQLException {
        return new Order(rs.getObject("id", UUID.class), rs.getString("user_id"), OrderStatus.fromWire(rs.getString("status")),
                rs.getTimestamp("expires_at").toInstant(), rs.getObject("ticket_id", UUID.class), rs.getLong("version"),
                rs.getObject("payment_id", UUID.class));
    }
}
