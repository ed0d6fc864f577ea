package dev.ticketing.expiration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.correlation.CorrelationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Schedulers running side by side (replicas) claim each due expiry exactly once. */
class ExpirySchedulerTest {
    private static final int DUE = 250;
    private static final int SCHEDULERS = 4;
    private final ConfigurableApplicationContext service = ExpirationServices.start();
    private final JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);

    @AfterEach
    void stop() {
        service.close();
    }

    private long firedSoFar() {
        return jdbc.queryForObject("select count(*) from expirations where completed_at is not null and not cancelled", Long.class);
    }

    /** Fires until nothing due is left unlocked; returns how many this caller fired. */
    private static Callable<Integer> drain(ExpiryScheduler scheduler) {
        return () -> {
            int total = 0;
            for (int n; (n = scheduler.fireDue()) > 0; ) total += n;
            return total;
        };
    }

    @Test
    void concurrentSchedulersFireEachDueExpiryOnce() throws Exception {
        ExpiryScheduler scheduler = service.getBean(ExpiryScheduler.class);
        scheduler.stop(); // the service's own loop: from here on only the test's callers claim
        ExpiryStore store = service.getBean(ExpiryStore.class);
        String[] ids = new String[DUE];
        for (int i = 0; i < DUE; i++) {
            ids[i] = UUID.randomUUID().toString();
            store.schedule(ids[i], Instant.now().minusSeconds(1));
        }
        long before = firedSoFar();

        int claimed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(SCHEDULERS);
        try {
            List<Callable<Integer>> callers = new ArrayList<>();
            for (int i = 0; i < SCHEDULERS; i++) callers.add(drain(scheduler));
            for (Future<Integer> f : pool.invokeAll(callers)) claimed += f.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(claimed).as("claims over all schedulers = expiries fired").isEqualTo(firedSoFar() - before);
        assertThat(jdbc.queryForObject("select count(*) from expirations where completed_at is null and order_id = any(?)",
                Long.class, (Object) ids)).as("left pending").isZero();
        String[] messageIds = Arrays.stream(ids).map(id -> "expiration:complete/" + id).toArray(String[]::new);
        assertThat(jdbc.queryForObject("select count(*) from outbox where message_id = any(?)", Long.class, (Object) messageIds))
                .isEqualTo(DUE);
    }

    @Test
    void theTimeUntilTheNextDueExpiryIsNoneWhenNothingIsPending() {
        service.getBean(ExpiryScheduler.class).stop();
        ExpiryStore store = service.getBean(ExpiryStore.class);
        jdbc.update("update expirations set completed_at = now() where completed_at is null");
        assertThat(store.millisUntilNextDue()).as("nothing pending: no wait to compute").isNull();

        store.schedule(UUID.randomUUID().toString(), Instant.now().plusSeconds(30));
        assertThat(store.millisUntilNextDue()).isBetween(25_000L, 30_000L);
        store.schedule(UUID.randomUUID().toString(), Instant.now().minusSeconds(5));
        assertThat(store.millisUntilNextDue()).as("one due already").isLessThanOrEqualTo(0L);
    }

    @Test
    void theExpiryCarriesTheCorrelationIdOfTheChangeThatScheduledIt() {
        service.getBean(ExpiryScheduler.class).stop();
        ExpiryStore store = service.getBean(ExpiryStore.class);
        String traced = UUID.randomUUID().toString();
        String untraced = UUID.randomUUID().toString();
        try (var scope = CorrelationId.open("order-request-42")) {
            store.schedule(traced, Instant.now().minusSeconds(1));
        }
        store.schedule(untraced, Instant.now().minusSeconds(1));
        try (var scope = CorrelationId.open("scheduler-thread-leftover")) {
            fireAllDue(service.getBean(ExpiryScheduler.class));
        }

        assertThat(correlationOf(traced)).isEqualTo("order-request-42");
        assertThat(correlationOf(untraced)).as("none, not the firing thread's").isNull();
    }

    private static void fireAllDue(ExpiryScheduler scheduler) {
        for (int round = 0; round < 10 && scheduler.fireDue() > 0; round++) {
            // until nothing due is left (two rows here: one round)
        }
    }

    private String correlationOf(String orderId) {
        return jdbc.queryForObject("select correlation_id from outbox where message_id = ?", String.class,
                "expiration:complete/" + orderId);
    }
}
