package dev.ticketing.common.bus;

/** What a handler did with an event; the library acks or redelivers accordingly. */
public enum Outcome {
    /** The change was made: ack. */
    APPLIED,
    /** Already applied, or older than what is stored: ack and ignore. */
    DUPLICATE,
    /** Cannot be applied yet (e.g. a version gap): NAK with a short delay so it comes back soon. */
    NOT_YET;

    /** For a change that is made at most once (an insert that ignores a conflict): APPLIED if it changed something. */
    public static Outcome appliedIf(boolean changed) {
        return changed ? APPLIED : DUPLICATE;
    }
}
