package dev.ticketing.proof.chaos;

import java.util.Locale;

/**
 * One strike on the proof JVM's wall clock (epoch millis, comparable with the database's clock on the same
 * machine): the stop began at {@code fromMillis} and returned at {@code downMillis}; the restart began at
 * {@code restartMillis}, and at {@code upMillis} the broker or PostgreSQL first answered again (a probe
 * beside the engine script, which returns later), or a service JVM had been launched. A clock step
 * ({@link ClockStep}) names its two spans "step" and "until": the step was written at {@code fromMillis} and
 * first seen in the service's clock at {@code downMillis}; the next step, which ended this one, likewise.
 *
 * @param outage whether nothing could be replicated meanwhile (the broker or PostgreSQL was away)
 * @param stopped what the first span is called in {@link #describe}, "stop" unless told
 * @param started what the second span is called, "start" unless told
 */
public record Strike(String what, long fromMillis, long downMillis, long restartMillis, long upMillis, boolean outage,
                     String stopped, String started) {
    public Strike(String what, long fromMillis, long downMillis, long restartMillis, long upMillis, boolean outage) {
        this(what, fromMillis, downMillis, restartMillis, upMillis, outage, "stop", "start");
    }

    /** E.g. "nats-server stop 2.31-2.45 start 4.45-5.90", in seconds since {@code originMillis}. */
    public String describe(long originMillis) {
        return String.format(Locale.ROOT, "%s %s %s %s %s", what, stopped, span(fromMillis, downMillis, originMillis),
                started, span(restartMillis, upMillis, originMillis));
    }

    private static String span(long from, long to, long origin) {
        return String.format(Locale.ROOT, "%.2f-%.2f", (from - origin) / 1000.0, (to - origin) / 1000.0);
    }
}
