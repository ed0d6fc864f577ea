package dev.ticketing.expiration.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class ExpiryStore {
    private final JdbcTemplate jdbc;

    public ExpiryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time; a redelivered order:created (or one after its cancel) changes nothing. */
    public boolean schedule(String orderId, Instant expiresAt) {
        return jdbc.update("insert into expirations (order_id, expires_at) values (?, ?) on conflict do nothing",
                orderId, Timestamp.from(expiresAt)) == 1;
    }

    /** Drops a pending expiry; remembers the cancel when it arrives before the create. True if it changed. */
    public boolean cancel(String orderId) {
        return jdbc.update("insert into expirations (order_id, expires_at, completed_at, cancelled) values (?, now(), now(), true) "
                + "on conflict (order_id) do update set completed_at = now(), cancelled = true "
                + "where expirations.completed_at is null", orderId) == 1;
    }

    /** Due expiries, locked for this transaction; other replicas skip them. */
    public List<String> lockDue(int limit) {
        return jdbc.queryForList("select order_id from expirations where completed_at is null and expires_at <= now() "
                + "order by expires_at limit ? for update skip locked", String.class, limit);
    }

    public void complete(String orderId) {
        jdbc.update("update expirations set completed_at = now() where order_id = ?", orderId);
    }
}
