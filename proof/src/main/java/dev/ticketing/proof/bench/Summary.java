package dev.ticketing.proof.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's figures that matter, the ratios and targets. Pure arithmetic: a figure that was not
 * measured is NaN and its ratio is NaN ("n/a" in the target list).
 *
 * @param e2eByReplicas  replicated/s of phase (c), by orders replica count
 * @param idle           phase (0)
 * @param setup          what ran: the engine and the services
 * @param pg             PostgreSQL's work per update in phase (c) with 1 replica
 */
record Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
               double lagP50AtHalfLoad, double lagP99AtHalfLoad, Idle idle, Setup setup, Pg pg) {

    /**
     * @param durable     PostgreSQL as {@code up} runs it (fsync on), else with fsync off
     * @param allServices every service as {@code up} starts it, else only tickets and the orders replicas
     */
    record Setup(boolean durable, boolean allServices) {
        static final Setup DEFAULT = new Setup(true, true);

        /** The end-to-end target against pgbench: 0.35 of its durable rate, 0.50 of its rate without fsync. */
        double e2eTarget() {
            return durable ? 0.35 : 0.50;
        }

        /** Lag p99 at half load: 50 ms on the durable engine, 100 ms without fsync. */
        double lagTargetMillis() {
            return durable ? 50 : 100;
        }

        String keys() {
            return "engine=" + (durable ? "durable" : "fast") + " services=" + (allServices ? "all" : "pipeline");
        }
    }

    /**
     * Phase (0), as shares of one core and messages per second.
     *
     * @param cpuShare          the whole system
     * @param jitShare          of it, the service JVMs' JIT compiler threads
     * @param brokerCpuShare    the busiest broker node
     * @param brokerInPerSecond messages received, all nodes (on a cluster, routes included)
     * @param busiestNodeMessagesPerSecond the busiest node's busier direction: the message target holds per node
     * @param nodes             the broker's nodes: 1 as {@code up} runs it, 3 as {@code up --cluster} does
     */
    record Idle(double cpuShare, double jitShare, double brokerCpuShare, double brokerInPerSecond,
                double brokerOutPerSecond, double busiestNodeMessagesPerSecond, long consumers, int nodes) {
        static final Idle NOT_MEASURED = new Idle(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, 1);
        static final double BROKER_CPU_TARGET = 0.02;
        static final double BROKER_MESSAGES_TARGET = 50;

        /** The whole system's target: 5 % of a core on one broker node, 10 % on three. */
        double cpuTarget() {
            return nodes == 1 ? 0.05 : 0.10;
        }
    }

    /**
     * @param commitsPerUpdate  commits of every database per replicated update (pg_stat_database)
     * @param walSyncsPerUpdate WAL fsyncs per replicated update (pg_stat_wal); below the writing commits, group commit
     */
    record Pg(double commitsPerUpdate, double walSyncsPerUpdate) {
        static final Pg NOT_MEASURED = new Pg(Double.NaN, Double.NaN);
    }

    Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
            double lagP50AtHalfLoad, double lagP99AtHalfLoad, Idle idle, Setup setup) {
        this(pgbenchTps, ownerOnlyPerSecond, e2eByReplicas, halfLoadRate, lagP50AtHalfLoad, lagP99AtHalfLoad, idle, setup,
                Pg.NOT_MEASURED);
    }

    Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
            double lagP50AtHalfLoad, double lagP99AtHalfLoad) {
        this(pgbenchTps, ownerOnlyPerSecond, e2eByReplicas, halfLoadRate, lagP50AtHalfLoad, lagP99AtHalfLoad, Idle.NOT_MEASURED);
    }

    Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
            double lagP50AtHalfLoad, double lagP99AtHalfLoad, Idle idle) {
        this(pgbenchTps, ownerOnlyPerSecond, e2eByReplicas, halfLoadRate, lagP50AtHalfLoad, lagP99AtHalfLoad, idle, Setup.DEFAULT);
    }

    /** A target of the issue, met or missed; not a failure of the run. */
    record Target(String name, String goal, String measured, Boolean met) {
        String verdict() {
            return met == null ? "n/a" : met ? "PASS" : "MISS";
        }
    }

    Summary {
        e2eByReplicas = new TreeMap<>(e2eByReplicas);
    }

    /** The best sustained replicated/s of phase (c). */
    double bestE2e() {
        return e2eByReplicas.values().stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).max()
                .orElse(Double.NaN);
    }

    /** The replica count that gave the best replicated/s (the fewest on a tie), 0 when none was measured. */
    int bestReplicas() {
        double best = bestE2e();
        return e2eByReplicas.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).findFirst()
                .orElse(0);
    }

    double e2eVsPgbench() {
        return bestE2e() / pgbenchTps;
    }

    double e2eVsOwnerOnly() {
        return bestE2e() / ownerOnlyPerSecond;
    }

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        double ratio = e2eVsPgbench();
        t.add(new Target("e2e_vs_pgbench", fmt(">= %.2f", setup.e2eTarget()), fmt("%.3f", ratio),
                Double.isNaN(ratio) ? null : ratio >= setup.e2eTarget()));
        t.add(below("lag_p99_ms_at_half_load", lagP99AtHalfLoad, setup.lagTargetMillis(), "%.1f"));
        Double r1 = e2eByReplicas.get(1), r4 = e2eByReplicas.get(4);
        t.add(new Target("e2e_r4_vs_r1", ">= 1.00", r1 == null || r4 == null ? "n/a" : fmt("%.3f", r4 / r1),
                r1 == null || r4 == null ? null : r4 >= r1));
        t.add(below("idle_cpu_share", idle.cpuShare(), idle.cpuTarget(), "%.3f"));
        t.add(below("idle_broker_cpu_share", idle.brokerCpuShare(), Idle.BROKER_CPU_TARGET, "%.3f"));
        t.add(below("idle_broker_msgs_per_s", idle.busiestNodeMessagesPerSecond(), Idle.BROKER_MESSAGES_TARGET, "%.1f"));
        return t;
    }

    /** The one machine-readable line. */
    String line(boolean ok) {
        StringBuilder s = new StringBuilder("bench:");
        s.append(fmt(" pgbench_tps=%.0f owner_only_per_s=%.1f", pgbenchTps, ownerOnlyPerSecond));
        e2eByReplicas.forEach((k, v) -> s.append(fmt(" e2e_per_s_r%d=%.1f", k, v)));
        s.append(fmt(" best_replicas=%d e2e_vs_pgbench=%.3f e2e_vs_owner_only=%.3f", bestReplicas(), e2eVsPgbench(),
                e2eVsOwnerOnly()));
        s.append(fmt(" half_load_per_s=%.1f lag_p50_ms_at_half_load=%.1f lag_p99_ms_at_half_load=%.1f", halfLoadRate,
                lagP50AtHalfLoad, lagP99AtHalfLoad));
        s.append(fmt(" idle_cpu_share=%.3f idle_jit_share=%.3f idle_broker_cpu_share=%.3f idle_broker_msgs_per_s=%.1f "
                + "idle_broker_in_per_s=%.1f idle_broker_out_per_s=%.1f idle_broker_consumers=%d idle_broker_nodes=%d",
                idle.cpuShare(), idle.jitShare(), idle.brokerCpuShare(), idle.busiestNodeMessagesPerSecond(),
                idle.brokerInPerSecond(), idle.brokerOutPerSecond(), idle.consumers(), idle.nodes()));
        s.append(fmt(" pg_commits_per_update=%.3f pg_wal_syncs_per_update=%.3f", pg.commitsPerUpdate(),
                pg.walSyncsPerUpdate()));
        s.append(' ').append(setup.keys());
        long missed = targets().stream().filter(x -> Boolean.FALSE.equals(x.met())).count();
        s.append(fmt(" targets_missed=%d result=%s", missed, ok ? "OK" : "FAIL"));
        return s.toString();
    }

    /** A target met while the figure stays under {@code target}; n/a when it was not measured. */
    private static Target below(String name, double measured, double target, String format) {
        String goal = "< " + (target < 1 ? fmt("%.2f", target) : fmt("%.0f", target));
        return new Target(name, goal, fmt(format, measured), Double.isNaN(measured) ? null : measured < target);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
