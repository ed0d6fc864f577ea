package dev.ticketing.proof.check;

/**
 * One record's replication lag: its owner commit (epoch millis, the database clock) and how long the
 * replica took to commit the same version.
 */
public record Lag(double ownerAtMillis, double millis) {
    public double replicaAtMillis() {
        return ownerAtMillis + millis;
    }
}
