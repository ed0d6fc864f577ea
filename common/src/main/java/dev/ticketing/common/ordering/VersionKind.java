package dev.ticketing.common.ordering;

/** How a source writes its records' versions. A replica compares versions of one kind only. */
public enum VersionKind {
    /** A whole number of at least 0: the owner's counter (0, 1, 2) or a source's own numbers (100, 200, 300). */
    NUMBER,
    /** An ISO-8601 instant, {@code 2026-05-01T12:00:00Z}: a source that versions by the time of the change. */
    INSTANT
}
