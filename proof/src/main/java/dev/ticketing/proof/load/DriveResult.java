package dev.ticketing.proof.load;

import java.time.Duration;
import java.util.List;

/** What a drive did: accepted writes, failed ones (with a few examples), retries, the services' failures, how long. */
public record DriveResult(long acceptedWrites, long failedWrites, long retries, ServerFailures serverFailures, Duration took,
                          List<String> failureSamples, long expectedEvents) {
    /** Two phases run one after the other, as one result. */
    public DriveResult plus(DriveResult next) {
        List<String> samples = new java.util.ArrayList<>(failureSamples);
        samples.addAll(next.failureSamples);
        return new DriveResult(acceptedWrites + next.acceptedWrites, failedWrites + next.failedWrites,
                Math.max(retries, next.retries), serverFailures.max(next.serverFailures), took.plus(next.took), samples, expectedEvents + next.expectedEvents);
    }

    public double writesPerSecond() {
        return acceptedWrites / Math.max(0.001, took.toNanos() / 1e9);
    }
}
