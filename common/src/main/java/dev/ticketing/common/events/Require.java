package dev.ticketing.common.events;

import java.math.BigDecimal;

/** Field checks for event constructors: a failed check makes the message poison, not a crash. */
final class Require {
    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required");
        return value;
    }

    static <T> T present(T value, String field) {
        if (value == null) throw new IllegalArgumentException(field + " is required");
        return value;
    }

    /** The record id and version of a {@link VersionedEvent}. */
    static void versioned(String id, long version) {
        text(id, "id");
        if (version < 0) throw new IllegalArgumentException("version must not be negative");
    }

    static BigDecimal positive(BigDecimal value, String field) {
        if (present(value, field).signum() <= 0) throw new IllegalArgumentException(field + " must be greater than 0");
        return value;
    }
}
