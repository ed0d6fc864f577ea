package dev.ticketing.common.ordering;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A record's version as its source gives it, placed on one line of longs so that versions of one kind
 * compare by {@code position}: a number is itself, an instant is its nanoseconds since the epoch (the
 * years 1678 to 2261; a finer or wider clock is refused, never rounded, so two different versions never
 * compare equal). This is the one place where a version is read, written and compared.
 */
public record Version(VersionKind kind, long position) implements Comparable<Version> {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public Version {
        if (kind == null) throw new IllegalArgumentException("version kind is required");
        if (kind == VersionKind.NUMBER && position < 0) throw new IllegalArgumentException("version must not be negative");
    }

    public static Version number(long number) {
        return new Version(VersionKind.NUMBER, number);
    }

    public static Version instant(Instant instant) {
        try {
            return new Version(VersionKind.INSTANT,
                    Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano()));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("version " + instant + " is outside the years 1678 to 2261");
        }
    }

    /** An ISO-8601 instant with its zone or offset ({@code 2026-05-01T12:00:00Z}); anything else is refused. */
    public static Version instant(String iso) {
        if (iso == null) throw new IllegalArgumentException("version is required");
        try {
            return instant(DateTimeFormatter.ISO_INSTANT.parse(iso, Instant::from));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("version must be an ISO-8601 instant such as 2026-05-01T12:00:00Z, not '"
                    + iso + "'");
        }
    }

    /** Versions of different kinds do not compare: that would mix up two sources' histories. */
    @Override
    public int compareTo(Version other) {
        if (kind != other.kind) throw new IllegalArgumentException("cannot compare a " + kind + " version with a " + other.kind + " version");
        return Long.compare(position, other.position);
    }

    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    /** As the source wrote it: {@code 300}, {@code 2026-05-01T12:00:00Z}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NUMBER -> Long.toString(position);
            case INSTANT -> Instant.ofEpochSecond(Math.floorDiv(position, NANOS_PER_SECOND),
                    Math.floorMod(position, NANOS_PER_SECOND)).toString();
        };
    }
}
