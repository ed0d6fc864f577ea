package dev.ticketing.common.bus;

import java.util.concurrent.atomic.LongAdder;

/** Counts of what one running listener did, for tests, logs and the proof tool's figures. */
public final class ListenerStats {
    final LongAdder applied = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder notYet = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder infrastructureFailures = new LongAdder();
    final LongAdder redeliveries = new LongAdder();
    final LongAdder requeued = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder foreign = new LongAdder();
    final LongAdder parked = new LongAdder();
    final LongAdder naked = new LongAdder();
    final LongAdder held = new LongAdder();

    public long applied() {
        return applied.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long notYet() {
        return notYet.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Failures because a dependency was away (see {@link InfrastructureFailure}); they never dead-letter. */
    public long infrastructureFailures() {
        return infrastructureFailures.sum();
    }

    /** Deliveries with a delivered count above 1. */
    public long redeliveries() {
        return redeliveries.sum();
    }

    /** NOT_YETs moved to the back of their partition ({@link Requeue}). */
    public long requeued() {
        return requeued.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Messages the broker delivered outside the consumer's subject (see BatchHandler), acknowledged unhandled. */
    public long foreign() {
        return foreign.sum();
    }

    /** NOT_YETs held back by their worker ({@link Parking}). */
    public long parked() {
        return parked.sum();
    }

    /** Messages NAKed with a delay (a NOT_YET that could not park or move back, a failure below the budget). */
    public long naked() {
        return naked.sum();
    }

    /** Messages kept in hand because a dependency was away. */
    public long held() {
        return held.sum();
    }

    @Override
    public String toString() {
        return "applied=" + applied() + " duplicates=" + duplicates() + " notYet=" + notYet() + " failures="
                + failures() + " redeliveries=" + redeliveries() + " requeued=" + requeued() + " deadLettered=" + deadLettered() + " foreign=" + foreign()
                + " parked=" + parked() + " naked=" + naked() + " held=" + held();
    }
}
