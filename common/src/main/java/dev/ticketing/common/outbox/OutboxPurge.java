package dev.ticketing.common.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sent outbox rows older than the retention, at most once per purge interval. The retention covers
 * the unverified window ({@link OutboxOptions}): a sent row the broker may still lose is kept.
 */
public final class OutboxPurge {
    private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);
    private static final int CHUNK = 10_000;

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration interval;
    private long lastNanos = System.nanoTime();

    public OutboxPurge(DataSource dataSource, OutboxOptions options) {
        this.dataSource = dataSource;
        this.retention = options.retention();
        this.interval = options.purgeInterval();
    }

    /** Purges if the interval has passed since the last purge; one thread calls it. */
    void ifDue() throws SQLException {
        if (System.nanoTime() - lastNanos < interval.toNanos()) return;
        lastNanos = System.nanoTime();
        int n = once();
        if (n > 0) log.info("outbox: purged {} sent events older than {}", n, retention);
    }

    /**
     * A chunk's rows are deleted by key from an array of their seqs. (Joined with the subquery instead, the
     * delete is planned as a hash join over a scan of the whole outbox once a chunk is a sizeable part of it.)
     */
    static final String DELETE_CHUNK = "delete from outbox where seq = any(array(select seq from outbox"
            + " where sent_at < now() - ? * interval '1 millisecond' limit " + CHUNK + "))";

    /** Deletes sent rows older than the retention, in chunks; returns how many. */
    public int once() throws SQLException {
        int total = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(DELETE_CHUNK)) {
            c.setAutoCommit(true);
            ps.setLong(1, retention.toMillis());
            int n;
            do {
                n = ps.executeUpdate();
                total += n;
            } while (n == CHUNK);
        }
        return total;
    }
}
