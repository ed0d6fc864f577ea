package dev.ticketing.accounts.ledger;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.accounts.AccountsIntegrationTest;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.ListenerStats;
import dev.ticketing.common.bus.RunningListener;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.events.ListenerLifecycle;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Through the real broker with two replicas in the accounts queue group: the service's own listener and
 * a second one on its own connection, as a second process would run it. Each message goes to one of them.
 */
class TwoReplicasTest extends AccountsIntegrationTest {
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final int MANY = 30;
    /**
     * A user's transactions published in a burst alternate between the replicas, so each one waits for
     * the other replica's; with the library's NOT_YET backoff (doubling up to 2 s) such a chain advances
     * a few numbers per backoff period (measured 1-16 s for 30 here), hence the generous bound.
     */
    private static final Duration LONG_CHAIN = Duration.ofSeconds(60);

    @Autowired
    Listener<TransactionCreatedEvent> serviceReplica;

    @Autowired
    ListenerLifecycle listeners;

    @Autowired
    ListenerOptions options;

    private EventBus secondBus;
    private RunningListener<TransactionCreatedEvent> secondReplica;

    @BeforeEach
    void startSecondReplica() {
        secondBus = EventBus.connect(EventBusConfig.defaults(TestEngine.shared().natsUrl(), "accounts-replica-2"));
        secondReplica = secondBus.listen(serviceReplica, options);
    }

    @AfterEach
    void stopSecondReplica() {
        secondBus.close();
    }

    private long total(ToLongFunction<ListenerStats> counter) {
        return counter.applyAsLong(listeners.statsOf(serviceReplica.durableName()))
                + counter.applyAsLong(secondReplica.stats());
    }

    private void publish(TransactionCreatedEvent event) {
        TestPublisher.publish(bus, Subjects.TRANSACTION_CREATED, event);
    }

    private void awaitAllAcked() {
        await("every message acked").atMost(CONVERGE).ignoreExceptions().until(() -> bus.backlog(serviceReplica).ackPending() == 0);
    }

    @Test
    void bothReplicasShareOneDurableConsumer() {
        assertThat(secondReplica.listener().durableName()).isEqualTo(serviceReplica.durableName())
                .isEqualTo("accounts-service_transaction-created");
        assertThat(listeners.running()).extracting(r -> r.listener().durableName())
                .contains(serviceReplica.durableName());
    }

    /** The seed's walk-through with transaction 1 published last: 2 and 3 wait for it, then all apply. */
    @Test
    void theWalkThroughConvergesWhenTransactionOneArrivesLast() throws Exception {
        String user = newUser("walk");
        long notYetBefore = total(ListenerStats::notYet);
        long deadBefore = total(ListenerStats::deadLettered);
        publish(deposit(user, "40", 2));
        publish(withdrawal(user, "100", 3));
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(total(ListenerStats::notYet) - notYetBefore).as("2 and 3 held back").isGreaterThanOrEqualTo(2));
        assertThat(hasReached(user, "0", 0)).as("nothing applied over the gap").isTrue();

        publish(deposit(user, "70", 1));
        awaitReached(CONVERGE, user, "10", 3);
        awaitAllAcked();
        assertThat(total(ListenerStats::deadLettered)).isEqualTo(deadBefore);

        HttpResponse<String> me = send("GET", "/api/accounts/me", user, null);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = TestJson.read(me.body());
        assertThat(body.get("balance").decimalValue()).isEqualByComparingTo("10");
        assertThat(body.get("lastTransactionNumber").asLong()).isEqualTo(3);
    }

    /** A second copy on the stream (as after a lost ack) is acked and changes nothing. */
    @Test
    void aDuplicateDeliveryIsAckedAndIgnored() throws Exception {
        String user = newUser("dup");
        TransactionCreatedEvent first = deposit(user, "70", 1);
        publish(first);
        awaitReached(CONVERGE, user, "70", 1);
        long duplicatesBefore = total(ListenerStats::duplicates);

        // Without the message id header, so the broker stores the copy instead of dropping it.
        bus.connection().jetStream().publish(Subjects.TRANSACTION_CREATED.natsSubject(bus.config().subjectPrefix(), first, bus.config().partitions()),
                EventCodec.encode(first));
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(total(ListenerStats::duplicates)).as("copy seen as duplicate").isGreaterThan(duplicatesBefore));
        awaitAllAcked();
        assertThat(hasReached(user, "70", 1)).isTrue();
    }

    /**
     * Two users publish many transactions at once, in order as the outbox does, while a third user's
     * transaction 1 is missing: the two converge independently and the third waits without blocking them.
     */
    @Test
    void twoUsersInParallelConvergeWhileAThirdWaitsForItsGap() throws Exception {
        String alice = newUser("alice");
        String bob = newUser("bob");
        String stuck = newUser("stuck");
        publish(deposit(stuck, "40", 2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<BigDecimal>> publishers = List.of(() -> publishMany(alice), () -> publishMany(bob));
            List<BigDecimal> expected = new ArrayList<>();
            for (Future<BigDecimal> f : pool.invokeAll(publishers, 60, TimeUnit.SECONDS)) expected.add(f.get());

            awaitReached(LONG_CHAIN, alice, expected.get(0).toPlainString(), MANY);
            awaitReached(LONG_CHAIN, bob, expected.get(1).toPlainString(), MANY);
        } finally {
            pool.shutdownNow();
        }
        assertThat(hasReached(stuck, "0", 0)).as("the gap still waits").isTrue();

        publish(deposit(stuck, "70", 1));
        awaitReached(CONVERGE, stuck, "110", 2);
        awaitAllAcked();
    }

    /** Publishes the user's transactions 1..MANY in order; returns the balance they add up to. */
    private BigDecimal publishMany(String user) {
        BigDecimal balance = BigDecimal.ZERO;
        for (int n = 1; n <= MANY; n++) {
            boolean withdraw = n % 4 == 0;
            TransactionCreatedEvent e = withdraw ? withdrawal(user, "5", n) : deposit(user, n + ".25", n);
            balance = withdraw ? balance.subtract(e.amount()) : balance.add(e.amount());
            publish(e);
        }
        return balance;
    }
}
