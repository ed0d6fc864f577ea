package dev.ticketing.proof.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU seconds of the run's processes from /proc, sampled before and after a phase: each service JVM,
 * nats-server, PostgreSQL (the postmaster, its live backends, and the backends that exited, which the
 * postmaster reaped into its children's times) and this JVM; the machine's busy time too, so the load of
 * other programs on the box is visible.
 */
final class CpuMeter {
    static final String NATS = "nats-server";
    static final String POSTGRES = "postgres";
    static final String BENCH = "bench (this JVM)";

    private final double ticksPerSecond;
    private final long natsPid;
    private final long postmasterPid;
    private final Supplier<Map<String, Long>> jvms;

    /** @param jvms name to PID of the service JVMs running now */
    CpuMeter(double ticksPerSecond, long natsPid, long postmasterPid, Supplier<Map<String, Long>> jvms) {
        this.ticksPerSecond = ticksPerSecond;
        this.natsPid = natsPid;
        this.postmasterPid = postmasterPid;
        this.jvms = jvms;
    }

    /** CPU seconds per process at one moment, and the machine's busy seconds. */
    record Sample(Map<String, Double> seconds, double machineBusySeconds, long nanoTime) {
        /** What was used from {@code before} to this sample, per process present in both. */
        CpuUse since(Sample before) {
            Map<String, Double> used = new LinkedHashMap<>();
            seconds.forEach((name, s) -> {
                Double b = before.seconds.get(name);
                if (b != null) used.put(name, Math.max(0, s - b));
            });
            return new CpuUse(used, machineBusySeconds - before.machineBusySeconds, (nanoTime - before.nanoTime) / 1e9);
        }
    }

    Sample sample() throws IOException {
        Map<String, Double> s = new LinkedHashMap<>();
        jvms.get().forEach((name, pid) -> put(s, name, ProcStat.of(pid)));
        put(s, NATS, ProcStat.of(natsPid));
        s.put(POSTGRES, postgresTicks() / ticksPerSecond);
        put(s, BENCH, ProcStat.of(ProcessHandle.current().pid()));
        return new Sample(s, ProcStat.machineBusyTicks() / ticksPerSecond, System.nanoTime());
    }

    private void put(Map<String, Double> s, String name, ProcStat.Times t) {
        if (t != null) s.put(name, t.own() / ticksPerSecond);
    }

    /**
     * The postmaster's own and reaped children's times plus its live children's. A backend reaped while the
     * children are read (pgbench's 8 exit together) would be in neither sum, so the reaped children's times
     * are read before and after the children, and the read is repeated until they did not change.
     */
    private long postgresTicks() throws IOException {
        for (int attempt = 1; ; attempt++) {
            ProcStat.Times before = ProcStat.of(postmasterPid);
            long children = 0;
            for (ProcStat.Times t : ProcStat.all()) if (t.ppid() == postmasterPid) children += t.own();
            ProcStat.Times after = ProcStat.of(postmasterPid);
            if (before == null || after == null) throw new IllegalStateException("PostgreSQL (pid " + postmasterPid + ") is gone");
            boolean reapedMeanwhile = after.withReapedChildren() - after.own() != before.withReapedChildren() - before.own();
            if (!reapedMeanwhile || attempt == 50) return after.withReapedChildren() + children;
        }
    }
}
