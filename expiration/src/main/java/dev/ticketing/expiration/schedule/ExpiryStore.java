package dev.ticketing.expiration.schedule;

import dev.ticketing.common.correlation.CorrelationId;
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

    /**
     * True the first time; a redelivered order:created (or one after its cancel) changes nothing. The current
     * correlation id is kept for the expiry's event.
     */
    public boolean schedule(String orderId, Instant expiresAt) {
        return jdbc.update("insert into expirations (order_id, expires_at, correlation_id) values (?, ?, ?) on conflict do nothing",
                orderId, Timestamp.from(expiresAt), CorrelationId.current()) == 1;
    }

    /** Drops a pending expiry; remembers the cancel when it arrives before the create. True if it changed. */
    public boolean cancel(String orderId) {
        return jdbc.update("insert into expirations (order_id, expires_at, completed_at, cancelled) values (?, now(), now(), true) "
                + "on conflict (order_id) do update set completed_at = now(), cancelled = true "
                + "where expirations.completed_at is null", orderId) == 1;
    }

    /** Due expiries, locked for this transaction; other replicas skip them. */
    public List<Due> lockDue(int limit) {
        return jdbc.query("select order_id, correlation_id from expirations where completed_at is null and expires_at <= now() "
                + "order by expires_at limit ? for update skip locked",
                (row, n) -> new Due(row.getString("order_id"), row.getString("correlation_id")), limit);
    }

    /** Milliseconds until the next pending expiry is due, by the database's clock (0 or less when one is due); null when none is pending. */
    public Long millisUntilNextDue() {
        return jdbc.queryForObject("select ceil(extract(epoch from min(expires_at) - now()) * 1000)::bigint "
                + "from expirations where completed_at is null", Long.class);
    }

    /** An expiry to fire, with the correlation id of the change that scheduled it (or null). */
    public record Due(String orderId, String correlationId) {
    }

    public void complete(String orderId) {
        jdbc.update("update expirations set completed_at = now() where order_id = ?", orderId);
    }
}
