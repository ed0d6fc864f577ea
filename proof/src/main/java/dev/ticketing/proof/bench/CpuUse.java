package dev.ticketing.proof.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds used per process during a phase, the machine's busy seconds and the wall time.
 * The load generator (a child process, measured on its own) is added with {@link #with}.
 */
record CpuUse(Map<String, Double> seconds, double machineBusySeconds, double wallSeconds) {
    static final String LOAD = "wrk (load)";

    CpuUse with(String name, double cpuSeconds) {
        Map<String, Double> s = new LinkedHashMap<>(seconds);
        s.put(name, cpuSeconds);
        return new CpuUse(s, machineBusySeconds, wallSeconds);
    }

    double of(String name) {
        return seconds.getOrDefault(name, 0.0);
    }

    /** The sum over the processes of the run. */
    double ours() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Busy CPU of everything else on the machine (other builds, tests), in cores. */
    double otherCores() {
        return wallSeconds <= 0 ? 0 : Math.max(0, machineBusySeconds - ours()) / wallSeconds;
    }

    /** Milliseconds of CPU per update, per process. */
    double msPerUpdate(String name, long updates) {
        return updates == 0 ? Double.NaN : of(name) * 1000 / updates;
    }
}
