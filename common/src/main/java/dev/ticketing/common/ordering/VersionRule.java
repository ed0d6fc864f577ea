package dev.ticketing.common.ordering;

import dev.ticketing.common.bus.Outcome;

/**
 * When a replica may apply an event that carries its record's version. This is the one place the
 * ordering rule is written; listeners ask it and return its answer.
 */
public enum VersionRule {
    /**
     * The owner bumps the version by one per change (update-if-current): apply only
     * {@code stored + 1}; an older or equal version is a duplicate; a larger one means an event in
     * between is missing, so wait for it.
     */
    NEXT_VERSION,
    /**
     * The source's versions only grow, with gaps (100, 200, 300, or timestamps: the "mystery event
     * source"): apply any strictly newer version and store the event's own version.
     */
    ANY_NEWER;

    /**
     * @param stored   the replica's version, or null when the record is not there yet
     * @param incoming the event's version
     */
    public Outcome decide(Long stored, long incoming) {
        if (stored == null) return Outcome.NOT_YET;
        if (incoming <= stored) return Outcome.DUPLICATE;
        if (this == NEXT_VERSION && incoming != stored + 1) return Outcome.NOT_YET;
        return Outcome.APPLIED;
    }

    /** For a record counter (accounting: transaction n applies after n-1): same as NEXT_VERSION from 0. */
    public static Outcome nextInSequence(long lastApplied, long incoming) {
        return NEXT_VERSION.decide(lastApplied, incoming);
    }
}
