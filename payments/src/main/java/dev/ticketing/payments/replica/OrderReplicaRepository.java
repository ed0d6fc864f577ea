package dev.ticketing.payments.replica;

import dev.ticketing.common.events.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class OrderReplicaRepository {
    private final JdbcTemplate jdbc;

    public OrderReplicaRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrderReplica> find(UUID id) {
        return jdbc.query("select id, user_id, status, expires_at, price, version from orders where id = ?",
                OrderReplicaRepository::map, id).stream().findFirst();
    }

    /** The stored version, locking the row until the transaction ends; empty when not replicated yet. */
    Optional<Long> lockVersion(UUID id) {
        return jdbc.queryForList("select version from orders where id = ? for update", Long.class, id).stream().findFirst();
    }

    /** Inserts unless present; true when inserted. */
    public boolean insert(OrderReplica o) {
        return jdbc.update("insert into orders (id, user_id, status, expires_at, price, version) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (id) do nothing", o.id(), o.userId(), o.status().wire(), Timestamp.from(o.expiresAt()), o.price(),
                o.version()) == 1;
    }

    /** Writes the event's status and version over the version it was decided against. */
    boolean update(UUID id, OrderStatus status, long version, long expectedVersion) {
        return jdbc.update("update orders set status = ?, version = ? where id = ? and version = ?",
                status.wire(), version, id, expectedVersion) == 1;
    }

    private static OrderReplica map(ResultSet rs, int n) throws SQLException {
        return new OrderReplica(rs.getObject("id", UUID.class), rs.getString("user_id"), OrderStatus.fromWire(rs.getString("status")),
                rs.getTimestamp("expires_at").toInstant(), rs.getBigDecimal("price"), rs.getLong("version"));
    }
}
