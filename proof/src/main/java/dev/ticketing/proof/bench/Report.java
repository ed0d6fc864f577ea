package dev.ticketing.proof.bench;

import dev.ticketing.proof.check.Percentiles;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human tables of a run, then the targets, then the one summary line. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    /** What the pgbench phase measured; null when the run failed before it. */
    record PgbenchPhase(Pgbench.Result result, CpuUse cpu, int clients, int seconds) {
    }

    void print(String header, IdlePhase.Result idle, PgbenchPhase pgbench, List<Phase> phases, Summary summary, boolean ok) {
        out.println();
        out.println(header);
        out.println();
        if (idle != null) printIdle(idle);
        out.print(throughput(pgbench, phases).render());
        out.println("accepted/s: 2xx answers from the first request to the last answer; replicated/s: updates from the "
                + "phase's first owner commit to its last replica apply; lag: replica applied_at - owner updated_at per "
                + "ticket (one PostgreSQL clock); late: open-loop requests sent > 10 ms after their due time.");
        out.println();
        out.println("CPU ms per update, per process, from the first request until the replicas had every change "
                + "(pgbench: per transaction); load = wrk's share of one core while it ran; other = busy cores of "
                + "everything else on the machine:");
        out.print(cpu(pgbench, phases).render());
        out.println();
        if (phases.stream().anyMatch(p -> p.pg() != null)) printPg(phases);
        out.println("targets (issues 9, 22 and 23; reported, not enforced):");
        for (Summary.Target t : summary.targets()) {
            out.println(f("  %-26s %-9s measured %-9s %s", t.name(), t.goal(), t.measured(), t.verdict()));
        }
        out.println(summary.line(ok));
    }

    private void printIdle(IdlePhase.Result idle) {
        out.printf(Locale.ROOT, "(0) idle, every service, %.0f s without a request, %d broker node(s): CPU as a share of one "
                + "core; the broker received %.1f and sent %.1f messages/s (all nodes; the busiest node %.1f the busier way) and had "
                + "%d consumers (node 1)%n", idle.cpu().wallSeconds(), idle.nodes(), idle.brokerInPerSecond(),
                idle.brokerOutPerSecond(), idle.busiestNodeMessagesPerSecond(), idle.consumers());
        Table t = new Table("process", "share of one core");
        idle.cpu().seconds().keySet().stream().filter(name -> !name.equals(CpuMeter.BENCH))
                .forEach(name -> t.row(name, f("%.1f %%", 100 * idle.share(name))));
        t.row("whole system", f("%.1f %%", 100 * idle.systemShare()));
        t.row("of it: the JVMs' JIT compilers", f("%.1f %%", 100 * idle.jitShare()));
        out.print(t.render());
        out.println();
    }

    private void printPg(List<Phase> phases) {
        out.println("PostgreSQL per update, every database, from the phase's first request until its counters were "
                + "reported (read " + PgActivity.SETTLE.toSeconds() + " s after the last apply): commits "
                + "(pg_stat_database), of them writes (transaction ids), WAL (pg_stat_wal); writes per fsync above 1: "
                + "commits shared a flush (group commit); fsync ms with --pg-profile:");
        out.print(pg(phases).render());
        out.println();
        for (Phase p : phases) {
            PgActivity.Use use = p.pg();
            if (use == null || !use.profiled()) continue;
            out.println(f("%s, %d replica(s): the top %d of %d statements by execution time (pg_stat_statements); per "
                            + "update, top-level statements: %.2f calls, %.3f ms (a commit's flush is in no statement's time)",
                    p.name(), p.replicas(), use.top().size(), use.statements().size(), use.perUpdate(use.calls()),
                    use.perUpdate(use.execMillis())));
            out.print(statements(use).render());
            out.println();
        }
    }

    static Table pg(List<Phase> phases) {
        Table t = new Table("phase", "replicas", "commits", "writes", "WAL records", "full-page images", "WAL bytes",
                "WAL writes", "WAL fsyncs", "writes per fsync", "fsync ms");
        for (Phase p : phases) {
            PgActivity.Use u = p.pg();
            if (u == null) continue;
            PgActivity.Counters d = u.delta();
            t.row(p.name(), Integer.toString(p.replicas()), f("%.2f", u.commitsPerUpdate()),
                    f("%.2f", u.perUpdate(d.transactionIds())), f("%.1f", u.perUpdate(d.walRecords())),
                    f("%.2f", u.perUpdate(d.walFullPages())), f("%.0f", u.perUpdate(d.walBytes())),
                    f("%.3f", u.perUpdate(d.walWrites())), f("%.3f", u.walSyncsPerUpdate()),
                    Double.isNaN(u.writesPerSync()) ? "-" : f("%.2f", u.writesPerSync()),
                    u.profiled() ? f("%.3f", u.syncMillisPerUpdate()) : "-");
        }
        return t;
    }

    static Table statements(PgActivity.Use use) {
        Table t = new Table("database", "calls per update", "mean ms", "ms per update", "query");
        for (PgActivity.Tracked s : use.top()) {
            t.row(s.database(), f("%.3f", use.perUpdate(s.calls())), f("%.3f", s.meanMillis()),
                    f("%.3f", use.perUpdate(s.totalMillis())), (s.toplevel() ? "" : "(nested) ") + s.shortQuery());
        }
        return t;
    }

    private static Table throughput(PgbenchPhase pgbench, List<Phase> phases) {
        Table t = new Table("phase", "replicas", "updates", "offered/s", "accepted/s", "replicated/s", "lag p50 ms",
                "lag p99 ms", "lag max ms", "outbox rows (pending) after");
        if (pgbench != null) {
            t.row(f("(a) pgbench single-row UPDATE, %d clients, %d s", pgbench.clients(), pgbench.seconds()), "-",
                    f("%d txns", pgbench.result().transactions()), "closed", f("%.0f TPS", pgbench.result().tps()), "-",
                    "-", "-", "-", "-");
        }
        for (Phase p : phases) {
            Percentiles lag = p.lags();
            boolean replicated = p.replicas() > 0;
            t.row(p.name(), Integer.toString(p.replicas()), Long.toString(p.updates()),
                    p.offeredRate() > 0 ? f("%.1f (sent %.1f, %d late)", p.offeredRate(), p.achievedOfferedRate(),
                            p.load().late()) : "closed",
                    f("%.1f", p.acceptedPerSecond()),
                    replicated ? f("%.1f", p.replicatedPerSecond()) : f("- (commits %.1f)", p.lag().ownerCommitsPerSecond()),
                    replicated ? f("%.1f", lag.at(50)) : "-", replicated ? f("%.1f", lag.at(99)) : "-",
                    replicated ? f("%.1f", lag.max()) : "-",
                    f("%d (%d), %d kB", p.outbox().rows(), p.outbox().pending(), p.outbox().bytes() / 1024));
        }
        return t;
    }

    private static Table cpu(PgbenchPhase pgbench, List<Phase> phases) {
        Table t = new Table("phase", "tickets", "orders (sum)", "per replica", "nats-server", "postgres", "wrk (load)",
                "bench JVM", "all", "load % of a core", "other (cores)");
        if (pgbench != null) {
            CpuUse c = pgbench.cpu();
            long n = pgbench.result().transactions();
            t.row("(a) pgbench", ms(c, "tickets", n), "-", "-", ms(c, CpuMeter.NATS, n), ms(c, CpuMeter.POSTGRES, n),
                    f("%.3f (pgbench)", c.msPerUpdate("pgbench", n)), ms(c, CpuMeter.BENCH, n),
                    f("%.3f", c.ours() * 1000 / n), f("%.0f", 100 * c.of("pgbench") / c.wallSeconds()),
                    f("%.2f", c.otherCores()));
        }
        for (Phase p : phases) {
            CpuUse c = p.cpu();
            long n = p.updates();
            double orders = 0;
            StringBuilder each = new StringBuilder();
            for (Map.Entry<String, Double> e : c.seconds().entrySet()) {
                if (!e.getKey().startsWith("orders-")) continue;
                orders += e.getValue();
                if (!each.isEmpty()) each.append(" / ");
                each.append(f("%.3f", e.getValue() * 1000 / n));
            }
            t.row(p.name(), ms(c, "tickets", n), p.replicas() > 0 ? f("%.3f", orders * 1000 / n) : "-",
                    p.replicas() > 0 ? each.toString() : "-", ms(c, CpuMeter.NATS, n), ms(c, CpuMeter.POSTGRES, n),
                    ms(c, CpuUse.LOAD, n), ms(c, CpuMeter.BENCH, n), f("%.3f", c.ours() * 1000 / n),
                    f("%.0f", 100 * p.load().coreShare()), f("%.2f", c.otherCores()));
        }
        return t;
    }

    private static String ms(CpuUse c, String name, long n) {
        return c.seconds().containsKey(name) ? f("%.3f", c.msPerUpdate(name, n)) : "-";
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
