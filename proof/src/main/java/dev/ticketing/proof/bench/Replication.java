package dev.ticketing.proof.bench;

import dev.ticketing.proof.check.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's view of the owner's (tickets) and the replica's (orders) databases. */
final class Replication {
    private final String ownerUrl;
    private final String replicaUrl;

    Replication(String ownerUrl, String replicaUrl) {
        this.ownerUrl = ownerUrl;
        this.replicaUrl = replicaUrl;
    }

    /** The tickets and the sum of their versions: equal on both sides when the replica has every change. */
    record State(long tickets, long versions) {
    }

    /** The outbox table of tickets: rows, rows not yet published, bytes on disk (with indexes and TOAST). */
    record Outbox(long rows, long pending, long bytes) {
    }

    State owner() throws SQLException {
        return state(ownerUrl);
    }

    State replica() throws SQLException {
        return state(replicaUrl);
    }

    private static State state(String url) throws SQLException {
        long[] v = new long[2];
        Db.query(url, "select count(*), coalesce(sum(version), 0) from tickets", rs -> {
            v[0] = rs.getLong(1);
            v[1] = rs.getLong(2);
        });
        return new State(v[0], v[1]);
    }

    /** The database clock (epoch ms): the phase's tickets are those the owner wrote after it. */
    double clockMillis() throws SQLException {
        double[] v = new double[1];
        Db.query(ownerUrl, "select extract(epoch from clock_timestamp()) * 1000", rs -> v[0] = rs.getDouble(1));
        return v[0];
    }

    /** Waits until the replica holds every ticket at the owner's version (a replica never runs ahead). */
    void awaitConverged(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            State o = owner(), r = replica();
            if (o.equals(r)) return;
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the replicas did not converge within " + timeout.toSeconds() + " s: owner " + o
                        + ", replica " + r);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the relay has published every outbox row (phase (b) has no replica to wait for). */
    void awaitOutboxSent(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outbox().pending() > 0) {
            if (System.nanoTime() > deadline) throw new BenchFailure("the outbox relay did not catch up within " + timeout);
            Thread.sleep(100);
        }
    }

    Outbox outbox() throws SQLException {
        long[] v = new long[3];
        Db.query(ownerUrl, "select count(*), count(*) filter (where sent_at is null), pg_total_relation_size('outbox') "
                + "from outbox", rs -> {
            v[0] = rs.getLong(1);
            v[1] = rs.getLong(2);
            v[2] = rs.getLong(3);
        });
        return new Outbox(v[0], v[1], v[2]);
    }

    /** The tickets the owner wrote since {@code sinceMillis}, against the replica (or alone). */
    PhaseLag lag(double sinceMillis, boolean withReplica) throws SQLException {
        Map<String, PhaseLag.Written> owner = load(ownerUrl, String.format(Locale.ROOT, "select id::text, version, "
                + "extract(epoch from updated_at) * 1000 from tickets where updated_at >= to_timestamp(%.3f / 1000.0)",
                sinceMillis));
        Map<String, PhaseLag.Written> replica = withReplica
                ? load(replicaUrl, "select id::text, version, extract(epoch from applied_at) * 1000 from tickets") : null;
        return PhaseLag.of(owner, replica);
    }

    private static Map<String, PhaseLag.Written> load(String url, String sql) throws SQLException {
        Map<String, PhaseLag.Written> rows = new HashMap<>();
        Db.query(url, sql, rs -> rows.put(rs.getString(1), new PhaseLag.Written(rs.getLong(2), rs.getDouble(3))));
        return rows;
    }

    /** Every ticket id, oldest first. */
    List<String> ticketIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        Db.query(ownerUrl, "select id::text from tickets order by created_at, id", rs -> ids.add(rs.getString(1)));
        return ids;
    }

    static Path write(Path file, List<String> ids) throws IOException {
        return Files.write(file, ids);
    }
}
