package dev.ticketing.proof.bench;

import dev.ticketing.proof.check.Percentiles;

/**
 * One measured phase: the load wrk offered and got answered, what the databases say happened, the CPU
 * each process used from the first request until the replicas had every change, the outbox after it.
 *
 * @param offeredRate requests per second of an open-loop phase, 0 for a closed loop
 * @param pg          what PostgreSQL did in the phase; null where the bench does not measure it (every phase but (c))
 */
record Phase(String name, int replicas, long updates, double offeredRate, WrkResult load, PhaseLag lag, CpuUse cpu,
             Replication.Outbox outbox, PgActivity.Use pg) {

    double acceptedPerSecond() {
        return load.okPerSecond();
    }

    /** NaN when no replica ran (phase (b)). */
    double replicatedPerSecond() {
        return replicas == 0 ? Double.NaN : lag.replicatedPerSecond();
    }

    Percentiles lags() {
        return new Percentiles(lag.lagsMillis());
    }

    /** The rate the generator actually offered: sent requests over the time it sent them. */
    double achievedOfferedRate() {
        return load.quota() / load.seconds();
    }
}
