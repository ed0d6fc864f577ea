package dev.ticketing.proof.load;

import java.time.Duration;
import java.util.List;

/** What a drive did: accepted writes, failed ones (with a few examples), retries, how long. */
public record DriveResult(long acceptedWrites, long failedWrites, long retries, Duration took, List<String> failureSamples,
                          long expectedEvents) {
    public double writesPerSecond() {
        return acceptedWrites / Math.max(0.001, took.toNanos() / 1e9);
    }
}
