package dev.ticketing.expiration.schedule;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due expiries: in one transaction it locks due rows, writes expiration:complete to the outbox
 * and marks them done. The schedule lives in the database, so a restart loses nothing, and several
 * replicas never fire the same expiry twice (skip locked).
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

    public ExpiryScheduler(ExpiryStore store, TransactionalOutbox outbox, TransactionTemplate transactions,
                           @Value("${expiration.poll-interval:1s}") Duration pollInterval) {
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
     * Until the next pending expiry is due, at most the poll interval: an expiry scheduled meanwhile (here or by
     * another replica) for sooner than that fires up to one interval late.
     */
    private long untilNextLook() {
        Long next = store.millisUntilNextDue();
        return next == null ? pollInterval.toMillis() : Math.max(MIN_WAIT_MILLIS, Math.min(next, pollInterval.toMillis()));
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
                if (fireDue() < BATCH) Thread.sleep(untilNextLook());
            } catch (InterruptedException e) {
                return;
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
