package dev.ticketing.proof.bench;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.check.Db;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What PostgreSQL did in a phase, every database together: commits (pg_stat_database), transactions that wrote
 * (the transaction id counter), WAL records, bytes, writes and fsyncs (pg_stat_wal) and, profiled, the
 * statements (pg_stat_statements). A backend reports its counters up to 10 s after it falls idle, so they are
 * read after {@link #SETTLE} without requests on either side of the phase; the transaction id counter and
 * pg_stat_statements are current at once.
 */
final class PgActivity {
    static final Duration SETTLE = Duration.ofSeconds(12);
    static final int TOP = 10;
    static final int QUERY_CHARS = 90;

    private final String url;
    private final boolean profiled;

    /** @param url a JDBC URL of the run's PostgreSQL (its {@code postgres} database) */
    PgActivity(String url, boolean profiled) {
        this.url = url;
        this.profiled = profiled;
    }

    /**
     * The engine setup of {@code --pg-profile}: pg_stat_statements loaded at start (a restart) and tracking nested
     * statements too, and the WAL's write and fsync times (track_wal_io_timing). Runs before any service starts.
     */
    static void profile(TestEngine engine) throws SQLException {
        String admin = engine.jdbcUrl("postgres");
        Db.execute(admin, "alter system set shared_preload_libraries = 'pg_stat_statements'",
                "alter system set track_wal_io_timing = on");
        engine.stopPostgres();
        engine.startPostgres();
        // pg_stat_statements.track is known only once the library is loaded.
        Db.execute(admin, "create extension if not exists pg_stat_statements",
                "alter system set pg_stat_statements.track = 'all'", "select pg_reload_conf()");
    }

    /** The cluster's cumulative counters, all databases. */
    record Counters(long commits, long transactionIds, long walRecords, long walFullPages, long walBytes, long walWrites,
                    long walSyncs, double walSyncMillis) {
        Counters since(Counters before) {
            return new Counters(commits - before.commits, transactionIds - before.transactionIds,
                    walRecords - before.walRecords, walFullPages - before.walFullPages, walBytes - before.walBytes,
                    walWrites - before.walWrites, walSyncs - before.walSyncs, walSyncMillis - before.walSyncMillis);
        }
    }

    /** One entry of pg_stat_statements; {@code toplevel} false for a statement run inside another. */
    record Tracked(String database, boolean toplevel, long calls, double totalMillis, String query) {
        double meanMillis() {
            return calls == 0 ? Double.NaN : totalMillis / calls;
        }

        /** The query on one line, at most {@link #QUERY_CHARS} characters, safe in a Markdown table. */
        String shortQuery() {
            String q = query.strip().replaceAll("\\s+", " ").replace("|", "\\|");
            return q.length() <= QUERY_CHARS ? q : q.substring(0, QUERY_CHARS - 3) + "...";
        }
    }

    /**
     * A phase's share: the counters' change over its updates and, profiled, every statement tracked in it (empty
     * otherwise). The fsync time is measured only when profiled.
     */
    record Use(long updates, Counters delta, boolean profiled, List<Tracked> statements) {
        Use {
            statements = List.copyOf(statements);
        }

        double perUpdate(double count) {
            return updates == 0 ? Double.NaN : count / updates;
        }

        double commitsPerUpdate() {
            return perUpdate(delta.commits());
        }

        double walSyncsPerUpdate() {
            return perUpdate(delta.walSyncs());
        }

        /** Transactions that wrote per WAL fsync: above 1, commits shared a flush (group commit). NaN without fsyncs. */
        double writesPerSync() {
            return delta.walSyncs() == 0 ? Double.NaN : (double) delta.transactionIds() / delta.walSyncs();
        }

        /** NaN unless profiled: without track_wal_io_timing PostgreSQL does not time its fsyncs. */
        double syncMillisPerUpdate() {
            return profiled ? perUpdate(delta.walSyncMillis()) : Double.NaN;
        }

        /** The statements with the most execution time, most first. */
        List<Tracked> top() {
            return statements.stream().sorted(Comparator.comparingDouble(Tracked::totalMillis).reversed()).limit(TOP).toList();
        }

        /** Calls of top-level statements: a nested one is also in the time of the statement that ran it. */
        long calls() {
            return statements.stream().filter(Tracked::toplevel).mapToLong(Tracked::calls).sum();
        }

        double execMillis() {
            return statements.stream().filter(Tracked::toplevel).mapToDouble(Tracked::totalMillis).sum();
        }
    }

    /** Before a phase: quiet until the counters are reported, the statements forgotten, the counters read. */
    Counters begin() throws SQLException, InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        if (profiled) Db.query(url, "select pg_stat_statements_reset()", rs -> { });
        return counters();
    }

    /** After a phase of {@code updates} updates: quiet until the counters are reported, then what changed. */
    Use end(Counters before, long updates) throws SQLException, InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        Counters delta = counters().since(before);
        return new Use(updates, delta, profiled, profiled ? statements() : List.of());
    }

    private Counters counters() throws SQLException {
        Counters[] c = new Counters[1];
        Db.query(url, "select (select sum(xact_commit) from pg_stat_database), "
                + "pg_snapshot_xmax(pg_current_snapshot())::text::bigint, wal_records, wal_fpi, wal_bytes, wal_write, "
                + "wal_sync, wal_sync_time from pg_stat_wal", rs -> c[0] = new Counters(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8)));
        return c[0];
    }

    private List<Tracked> statements() throws SQLException {
        List<Tracked> all = new ArrayList<>();
        Db.query(url, "select coalesce(d.datname, '?'), s.toplevel, s.calls, s.total_exec_time, s.query "
                + "from pg_stat_statements s left join pg_database d on d.oid = s.dbid", rs -> all.add(
                new Tracked(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getDouble(4), rs.getString(5))));
        return all;
    }
}
