package dev.ticketing.expiration.schedule;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due expiries: in one transaction it locks due rows, writes expiration:complete to the outbox
 * and marks them done. The schedule lives in the database, so a restart loses nothing, and several
 * replicas never fire the same expiry twice (skip locked). It sleeps until the next pending expiry is due;
 * an expiry scheduled here wakes it once committed ({@link #expectAfterCommit}), and it looks at least every
 * poll interval for those another replica scheduled and could not fire (it stopped first).
 */
@Component
public class ExpiryScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);
    private static final int BATCH = 100;
    /** The shortest wait: a due expiry still pending is being fired by another replica (skip locked). */
    private static final long MIN_WAIT_MILLIS = 50;
    private final ExpiryStore store;
    private final TransactionalOutbox outbox;
    private final TransactionTemplate transactions;
    private final Duration pollInterval;
    private volatile Thread thread;
    /** When the loop means to look next (System.nanoTime()); an expiry due sooner moves it forward. */
    private final AtomicLong nextLookAt = new AtomicLong(Long.MAX_VALUE);

    public ExpiryScheduler(ExpiryStore store, TransactionalOutbox outbox, TransactionTemplate transactions,
                           @Value("${expiration.poll-interval}") Duration pollInterval) {
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.pollInterval = pollInterval;
    }

    /** Fires every expiry due now; returns how many. */
    public int fireDue() {
        Integer fired = transactions.execute(s -> {
            var due = store.lockDue(BATCH);
            for (ExpiryStore.Due expiry : due) {
                try (var scope = CorrelationId.open(expiry.correlationId())) {
                    outbox.add(Subjects.EXPIRATION_COMPLETE, new ExpirationCompleteEvent(expiry.orderId()));
                }
                store.complete(expiry.orderId());
            }
            return due.size();
        });
        return fired == null ? 0 : fired;
    }

    /**
     * An expiry due at {@code expiresAt} was scheduled in the current transaction: once it commits, the loop looks
     * at that time if it would look later. Outside a transaction, at once.
     */
    public void expectAfterCommit(Instant expiresAt) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            expect(expiresAt);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                expect(expiresAt);
            }
        });
    }

    private void expect(Instant expiresAt) {
        long at = System.nanoTime() + Math.max(0, Duration.between(Instant.now(), expiresAt).toNanos());
        long planned = nextLookAt.getAndAccumulate(at, Math::min);
        Thread t = thread;
        if (at < planned && t != null) LockSupport.unpark(t);
    }

    /** Until the next pending expiry is due, at most the poll interval. */
    private long untilNextLook() {
        Long next = store.millisUntilNextDue();
        return next == null ? pollInterval.toMillis() : Math.max(MIN_WAIT_MILLIS, Math.min(next, pollInterval.toMillis()));
    }

    /** Parks until the next look; an {@link #expect} for sooner moves it forward and unparks. */
    private void sleepUntilNextLook() {
        nextLookAt.accumulateAndGet(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(untilNextLook()), Math::min);
        long left;
        while ((left = nextLookAt.get() - System.nanoTime()) > 0 && thread != null && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, left);
        }
    }

    @Override
    public void start() {
        thread = new Thread(this::loop, "expiry-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void loop() {
        while (thread != null) {
            try {
                nextLookAt.set(Long.MAX_VALUE); // an expectation from here on is kept; one before it is in the database
                if (fireDue() < BATCH) sleepUntilNextLook();
                if (Thread.interrupted()) return;
            } catch (RuntimeException e) {
                log.warn("firing expiries failed (retrying): {}", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
