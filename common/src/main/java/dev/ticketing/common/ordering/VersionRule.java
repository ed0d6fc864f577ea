package dev.ticketing.common.ordering;

import dev.ticketing.common.bus.Outcome;
import java.util.OptionalLong;

/**
 * When a replica may apply an event that carries its record's version. This is the one place the
 * ordering rule is written; listeners ask it and return its answer. Each subject a replica follows is
 * registered with its rule (the owner's {@code ticket:updated}: {@link #NEXT_VERSION}; a source that
 * only promises growing versions: {@link #ANY_NEWER}).
 */
public enum VersionRule {
    /**
     * The owner bumps the version by one per change (update-if-current): apply only
     * {@code stored + 1}; an older or equal version is a duplicate; a larger one means an event in
     * between is missing, so wait for it. Numbers only: an instant has no "next".
     */
    NEXT_VERSION,
    /**
     * The source's versions only grow, with gaps (100, 200, 300, or timestamps: the "mystery event
     * source"): apply any strictly newer version and store the event's own version.
     */
    ANY_NEWER;

    /**
     * The numeric path (the main pipeline's hot path: no allocation).
     *
     * @param stored   the replica's version, or null when the record is not there yet
     * @param incoming the event's version
     */
    public Outcome decide(Long stored, long incoming) {
        if (stored == null) return Outcome.NOT_YET;
        if (incoming <= stored) return Outcome.DUPLICATE;
        if (this == NEXT_VERSION && incoming != stored + 1) return Outcome.NOT_YET;
        return Outcome.APPLIED;
    }

    /**
     * The one stored version over which {@code incoming} applies, for a replica that tries the write first
     * and asks {@link #decide} only when it is refused: {@code incoming - 1} under {@link #NEXT_VERSION};
     * none under {@link #ANY_NEWER}, where any older version will do.
     */
    public OptionalLong appliesOver(long incoming) {
        return this == NEXT_VERSION ? OptionalLong.of(incoming - 1) : OptionalLong.empty();
    }

    /**
     * The same rule for versions of any kind; both must be of one kind.
     *
     * @param stored   the replica's version, or null when the record is not there yet
     * @param incoming the event's version
     */
    public Outcome decide(Version stored, Version incoming) {
        requireKind(incoming.kind());
        if (stored == null) return Outcome.NOT_YET;
        if (stored.kind() != incoming.kind()) {
            throw new IllegalArgumentException("stored version " + stored + " is a " + stored.kind() + ", the event's "
                    + incoming + " a " + incoming.kind());
        }
        return decide(stored.position(), incoming.position());
    }

    /** Whether this rule can order versions of that kind. */
    public boolean accepts(VersionKind kind) {
        return this == ANY_NEWER || kind == VersionKind.NUMBER;
    }

    /** Refuses a kind this rule cannot order (for a registration to fail at startup, not per event). */
    public void requireKind(VersionKind kind) {
        if (!accepts(kind)) throw new IllegalArgumentException(this + " cannot order " + kind + " versions");
    }

    /** For a record counter (accounting: transaction n applies after n-1): same as NEXT_VERSION from 0. */
    public static Outcome nextInSequence(long lastApplied, long incoming) {
        return NEXT_VERSION.decide(lastApplied, incoming);
    }
}
