package dev.ticketing.common.correlation;

import io.nats.client.impl.Headers;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The id that follows one change across services: from the HTTP request (header {@link #HEADER}) into the
 * events written while handling it (outbox column, NATS message header {@link #HEADER}) and into the log
 * lines of every handler of those events (SLF4J MDC key {@link #MDC_KEY}), and on into the events those
 * handlers write. The work in hand holds it in the MDC; whatever writes an event takes it from there.
 */
public final class CorrelationId {
    /** The HTTP request and response header, and the NATS message header. */
    public static final String HEADER = "X-Correlation-Id";
    /** The MDC key; every service's log pattern shows it. */
    public static final String MDC_KEY = "correlationId";
    static final int MAX_LENGTH = 64;

    private static final Scope NOTHING_TO_RESTORE = () -> { };

    private CorrelationId() {
    }

    /** The id of the work in hand on this thread, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** A new id (a random UUID). */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The candidate if it is an id we take from outside: 1 to 64 characters of letters, digits and
     * {@code . _ : -} (a log line must not be forged through it); otherwise null.
     */
    public static String accepted(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) return null;
        for (int i = 0; i < candidate.length(); i++) {
            if (!safe(candidate.charAt(i))) return null;
        }
        return candidate;
    }

    /** The candidate if {@link #accepted}, else a new id. */
    public static String acceptedOrNew(String candidate) {
        String id = accepted(candidate);
        return id == null ? newId() : id;
    }

    /** The accepted id in a message's headers, or null. */
    public static String of(Headers headers) {
        return headers == null ? null : accepted(headers.getFirst(HEADER));
    }

    /** A copy of a message (moved, dead-lettered, replayed) keeps the original's id: adds it to {@code to}; returns it. */
    public static Headers copy(Headers from, Headers to) {
        return addTo(to, of(from));
    }

    /** Adds the id to the headers when there is one; returns them. */
    public static Headers addTo(Headers headers, String id) {
        if (id != null) headers.put(HEADER, id);
        return headers;
    }

    /**
     * Makes the id the current one on this thread until the scope is closed, which puts back what was
     * current before. A null id means none for the scope.
     */
    public static Scope open(String id) {
        String previous = MDC.get(MDC_KEY);
        if (id == null && previous == null) return NOTHING_TO_RESTORE;
        put(id);
        return () -> put(previous);
    }

    private static void put(String id) {
        if (id == null) MDC.remove(MDC_KEY);
        else MDC.put(MDC_KEY, id);
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':';
    }

    /** The correlation id's time as the current one; closing it never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
