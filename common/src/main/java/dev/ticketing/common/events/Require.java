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

    static long notNegative(long value, String field) {
        if (value < 0) throw new IllegalArgumentException(field + " must not be negative");
        return value;
    }

    static BigDecimal positive(BigDecimal value, String field) {
        if (present(value, field).signum() <= 0) throw new IllegalArgumentException(field + " must be greater than 0");
        return value;
    }
}
