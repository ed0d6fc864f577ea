package dev.ticketing.proof.check;

import java.util.List;

/** What a scenario's comparison of the owner's database with the replicas' found. */
public interface Verdict {
    /** Records compared (tickets, users). */
    int records();

    int missing();

    /** Records whose replica state differs from the owner's. */
    int divergent();

    /** Owner commit -> replica commit, per record whose replica is current. */
    List<Lag> lags();

    default List<Double> lagsMillis() {
        return lags().stream().map(Lag::millis).toList();
    }

    /** Human-readable lines: counts and a few examples. */
    List<String> lines();

    default boolean converged() {
        return missing() == 0 && divergent() == 0;
    }
}
