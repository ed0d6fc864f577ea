package dev.ticketing.common.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Rows not yet published and the age of the oldest of them (zero when none); read through the partial
 * index outbox_pending, so cheap while the backlog is small.
 */
public record OutboxBacklog(long pending, Duration oldestAge) {
    private static final String QUERY = "select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at))"
            + " * 1000, 0)::bigint from outbox where sent_at is null";

    public static OutboxBacklog read(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(QUERY);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new OutboxBacklog(rs.getLong(1), Duration.ofMillis(Math.max(0, rs.getLong(2))));
        }
    }
}
