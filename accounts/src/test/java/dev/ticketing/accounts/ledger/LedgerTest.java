package dev.ticketing.accounts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.accounts.AccountsIntegrationTest;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.TransactionCreatedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The transaction:created handler's decisions against the real database, called directly: no broker here. */
class LedgerTest extends AccountsIntegrationTest {
    @Autowired
    Ledger ledger;

    private Outcome handle(TransactionCreatedEvent event) {
        return ledger.apply(event);
    }

    @Test
    void theWalkThroughInOrderLeavesTenAfterNumberThree() {
        String user = newUser("walk");
        assertThat(handle(deposit(user, "70", 1))).isEqualTo(Outcome.APPLIED);
        assertThat(hasReached(user, "70", 1)).isTrue();
        assertThat(handle(deposit(user, "40", 2))).isEqualTo(Outcome.APPLIED);
        assertThat(hasReached(user, "110", 2)).isTrue();
        assertThat(handle(withdrawal(user, "100", 3))).isEqualTo(Outcome.APPLIED);
        assertThat(hasReached(user, "10", 3)).isTrue();
    }

    @Test
    void aTransactionAfterAGapWaitsAndChangesNothing() {
        String user = newUser("gap");
        TransactionCreatedEvent second = deposit(user, "40", 2);
        TransactionCreatedEvent third = withdrawal(user, "100", 3);

        assertThat(handle(second)).isEqualTo(Outcome.NOT_YET);
        assertThat(handle(third)).isEqualTo(Outcome.NOT_YET);
        assertThat(hasReached(user, "0", 0)).as("nothing applied over the gap").isTrue();

        assertThat(handle(deposit(user, "70", 1))).isEqualTo(Outcome.APPLIED);
        assertThat(handle(third)).as("3 still waits for 2").isEqualTo(Outcome.NOT_YET);
        assertThat(hasReached(user, "70", 1)).isTrue();
        assertThat(handle(second)).isEqualTo(Outcome.APPLIED);
        assertThat(handle(third)).isEqualTo(Outcome.APPLIED);
        assertThat(hasReached(user, "10", 3)).isTrue();
    }

    @Test
    void aDuplicateIsIgnored() {
        String user = newUser("dup");
        TransactionCreatedEvent first = deposit(user, "70", 1);
        TransactionCreatedEvent second = deposit(user, "40", 2);
        handle(first);
        handle(second);

        assertThat(handle(first)).isEqualTo(Outcome.DUPLICATE);
        assertThat(handle(second)).isEqualTo(Outcome.DUPLICATE);
        assertThat(hasReached(user, "110", 2)).isTrue();
    }

    /** Copies of the same transactions handled at once (replicas, redeliveries): each applies exactly once. */
    @Test
    void concurrentCopiesApplyEachTransactionOnce() throws Exception {
        String user = newUser("copies");
        List<TransactionCreatedEvent> events = List.of(deposit(user, "70", 1), deposit(user, "40", 2), withdrawal(user, "100", 3));
        List<Callable<Outcome>> copies = new ArrayList<>();
        for (int copy = 0; copy < 8; copy++) {
            for (TransactionCreatedEvent e : events) copies.add(() -> handle(e));
        }
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Outcome> f : pool.invokeAll(copies, 30, TimeUnit.SECONDS)) outcomes.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        // Copies that came too early answered NOT_YET; the broker would bring them back: do it by hand.
        for (TransactionCreatedEvent e : events) outcomes.add(handle(e));

        assertThat(outcomes.stream().filter(o -> o == Outcome.APPLIED)).as("each number applied once").hasSize(3);
        assertThat(hasReached(user, "10", 3)).isTrue();
        for (TransactionCreatedEvent e : events) assertThat(handle(e)).isEqualTo(Outcome.DUPLICATE);
    }
}
