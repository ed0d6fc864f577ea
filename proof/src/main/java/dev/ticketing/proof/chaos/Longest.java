package dev.ticketing.proof.chaos;

import java.util.function.ToLongFunction;

/** The longest of a figure over the faults struck, or -1 when any of them was not reached (itself -1). */
final class Longest {
    private Longest() {
    }

    static <T> long of(Iterable<T> faults, ToLongFunction<T> millis) {
        long max = 0;
        for (T f : faults) {
            long m = millis.applyAsLong(f);
            if (m < 0) return -1;
            max = Math.max(max, m);
        }
        return max;
    }
}
