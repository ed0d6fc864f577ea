package dev.ticketing.proof.chaos;

import java.util.Locale;

/**
 * One strike on the proof JVM's wall clock (epoch millis, comparable with the database's clock on the same
 * machine): the stop began at {@code fromMillis} and returned at {@code downMillis}; the restart began at
 * {@code restartMillis}, and at {@code upMillis} the broker or PostgreSQL first answered again (a probe
 * beside the engine script, which returns later), or a service JVM had been launched.
 *
 * @param outage whether nothing could be replicated meanwhile (the broker or PostgreSQL was away)
 */
public record Strike(String what, long fromMillis, long downMillis, long restartMillis, long upMillis, boolean outage) {
    /** E.g. "nats-server stop 2.31-2.45 start 4.45-5.90", in seconds since {@code originMillis}. */
    public String describe(long originMillis) {
        return String.format(Locale.ROOT, "%s stop %s start %s", what, span(fromMillis, downMillis, originMillis),
                span(restartMillis, upMillis, originMillis));
    }

    private static String span(long from, long to, long origin) {
        return String.format(Locale.ROOT, "%.2f-%.2f", (from - origin) / 1000.0, (to - origin) / 1000.0);
    }
}
