package dev.ticketing.spring.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read at most once per {@code ttl}, so that scrapes (several gauges per read, several scrapers)
 * do not hammer the broker or the database. A failed read counts as a read: null until the next one.
 */
final class Cached<T> {
    private static final Logger log = LoggerFactory.getLogger(Cached.class);

    interface Source<T> {
        T read() throws Exception;
    }

    private final Source<T> source;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private T value;
    private long readAt;
    private boolean everRead;

    Cached(Source<T> source, Duration ttl, LongSupplier nanoClock) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    Cached(Source<T> source, Duration ttl) {
        this(source, ttl, System::nanoTime);
    }

    /** The last value read, or null if that read failed. */
    synchronized T get() {
        if (!everRead || nanoClock.getAsLong() - readAt >= ttlNanos) {
            value = readQuietly();
            readAt = nanoClock.getAsLong();
            everRead = true;
        }
        return value;
    }

    private T readQuietly() {
        try {
            return source.read();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            log.debug("metrics read failed: {}", e.toString());
            return null;
        }
    }
}
