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
 */
record Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
               double lagP50AtHalfLoad, double lagP99AtHalfLoad, Idle idle) {

    /** Phase (0): the whole system's CPU as a share of one core, the broker's messages each way, its consumers. */
    record Idle(double cpuShare, double brokerInPerSecond, double brokerOutPerSecond, long consumers) {
        static final Idle NOT_MEASURED = new Idle(Double.NaN, Double.NaN, Double.NaN, -1);

        /** The busier direction: the target holds for both. */
        double brokerMessagesPerSecond() {
            return Math.max(brokerInPerSecond, brokerOutPerSecond);
        }
    }

    Summary(double pgbenchTps, double ownerOnlyPerSecond, Map<Integer, Double> e2eByReplicas, double halfLoadRate,
            double lagP50AtHalfLoad, double lagP99AtHalfLoad) {
        this(pgbenchTps, ownerOnlyPerSecond, e2eByReplicas, halfLoadRate, lagP50AtHalfLoad, lagP99AtHalfLoad, Idle.NOT_MEASURED);
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
        t.add(new Target("e2e_vs_pgbench", ">= 0.50", fmt("%.3f", ratio), Double.isNaN(ratio) ? null : ratio >= 0.5));
        t.add(new Target("lag_p99_ms_at_half_load", "< 100", fmt("%.1f", lagP99AtHalfLoad),
                Double.isNaN(lagP99AtHalfLoad) ? null : lagP99AtHalfLoad < 100));
        Double r1 = e2eByReplicas.get(1), r4 = e2eByReplicas.get(4);
        t.add(new Target("e2e_r4_vs_r1", ">= 1.00", r1 == null || r4 == null ? "n/a" : fmt("%.3f", r4 / r1),
                r1 == null || r4 == null ? null : r4 >= r1));
        t.add(new Target("idle_cpu_share", "< 0.05", fmt("%.3f", idle.cpuShare()),
                Double.isNaN(idle.cpuShare()) ? null : idle.cpuShare() < 0.05));
        double msgs = idle.brokerMessagesPerSecond();
        t.add(new Target("idle_broker_msgs_per_s", "< 50", fmt("%.1f", msgs), Double.isNaN(msgs) ? null : msgs < 50));
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
        s.append(fmt(" idle_cpu_share=%.3f idle_broker_msgs_per_s=%.1f idle_broker_in_per_s=%.1f idle_broker_out_per_s=%.1f "
                + "idle_broker_consumers=%d", idle.cpuShare(), idle.brokerMessagesPerSecond(), idle.brokerInPerSecond(),
                idle.brokerOutPerSecond(), idle.consumers()));
        long missed = targets().stream().filter(x -> Boolean.FALSE.equals(x.met())).count();
        s.append(fmt(" targets_missed=%d result=%s", missed, ok ? "OK" : "FAIL"));
        return s.toString();
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
