package dev.ticketing.proof.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tickets one phase updated, each once, as the owner committed them and as the replica applied them,
 * both on the one PostgreSQL clock: per ticket lag = replica applied_at - owner updated_at.
 *
 * @param updates        tickets the owner changed in the phase
 * @param lagsMillis     lag of each of those the replica holds at the same version
 * @param unmatched      tickets the replica does not hold at the owner's version
 * @param firstOwnerMs   first owner commit of the phase (epoch ms)
 * @param lastOwnerMs    last owner commit
 * @param lastReplicaMs  last replica apply of those tickets (NaN: no replica)
 */
record PhaseLag(long updates, List<Double> lagsMillis, long unmatched, double firstOwnerMs, double lastOwnerMs,
                double lastReplicaMs) {

    /** A ticket's version and when it was written, on one side. */
    record Written(long version, double atMillis) {
    }

    /** @param replica null when no replica is compared (phase (b)) */
    static PhaseLag of(Map<String, Written> owner, Map<String, Written> replica) {
        List<Double> lags = new ArrayList<>();
        long unmatched = 0;
        double first = Double.NaN, last = Double.NaN, lastReplica = Double.NaN;
        for (Map.Entry<String, Written> e : owner.entrySet()) {
            Written o = e.getValue();
            first = Double.isNaN(first) ? o.atMillis() : Math.min(first, o.atMillis());
            last = Double.isNaN(last) ? o.atMillis() : Math.max(last, o.atMillis());
            if (replica == null) continue;
            Written r = replica.get(e.getKey());
            if (r == null || r.version() != o.version()) {
                unmatched++;
                continue;
            }
            lags.add(Math.max(0, r.atMillis() - o.atMillis()));
            lastReplica = Double.isNaN(lastReplica) ? r.atMillis() : Math.max(lastReplica, r.atMillis());
        }
        return new PhaseLag(owner.size(), lags, unmatched, first, last, lastReplica);
    }

    /** Updates per second from the phase's first owner commit to its last replica apply. */
    double replicatedPerSecond() {
        return updates / ((lastReplicaMs - firstOwnerMs) / 1000);
    }

    /** Owner commits per second, first to last commit of the phase. */
    double ownerCommitsPerSecond() {
        return updates / ((lastOwnerMs - firstOwnerMs) / 1000);
    }
}
