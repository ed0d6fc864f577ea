package dev.ticketing.spring.web;

import java.time.Duration;

/**
 * After a request failed because the database is out of reach, the next requests are refused at once for a
 * moment instead of each waiting its turn on the pool's timeout: with a request thread per core, requests
 * that each wait seconds queue up past any client's timeout. The first request after the moment tries the
 * database again.
 */
public final class DatabaseGate {
    static final Duration REFUSE_FOR = Duration.ofSeconds(1);
    private volatile long refuseUntilNanos = System.nanoTime();

    void unreachable() {
        refuseUntilNanos = System.nanoTime() + REFUSE_FOR.toNanos();
    }

    boolean refusing() {
        return System.nanoTime() - refuseUntilNanos < 0;
    }
}
