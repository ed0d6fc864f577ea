package dev.ticketing.transactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.transactions.TransactionsIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Numbers per user under concurrency: no duplicates, no holes, and users never wait for each other. */
class TransactionNumberingTest extends TransactionsIntegrationTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionCommands commands;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static long numberIn(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestJson.read(r.body()).get("number").asLong();
    }

    private List<Long> numbersOf(String user) {
        return jdbc.queryForList("select number from transactions where user_id = ? order by number", Long.class, user);
    }

    private List<Long> outboxNumbersOf(String user) {
        String prefix = "transaction:created/" + user + "#";
        return outbox(prefix).stream()
                .map(r -> Long.parseLong(((String) r.get("message_id")).substring(prefix.length()))).sorted().toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) results.add(f.get());
        return results;
    }

    @Test
    void concurrentDepositsOfTwoUsersAreEachNumberedOneToTwentyIndependently() throws Exception {
        String alice = newUser("alice");
        String bob = newUser("bob");
        List<Callable<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> numberIn(post(alice, "deposit", "1.50")));
            calls.add(() -> numberIn(post(bob, "deposit", "2")));
        }
        List<Long> answered = runAll(calls);

        List<Long> aliceAnswers = new ArrayList<>();
        List<Long> bobAnswers = new ArrayList<>();
        for (int i = 0; i < answered.size(); i++) (i % 2 == 0 ? aliceAnswers : bobAnswers).add(answered.get(i));
        assertThat(aliceAnswers).containsExactlyInAnyOrderElementsOf(oneTo(20));
        assertThat(bobAnswers).containsExactlyInAnyOrderElementsOf(oneTo(20));
        for (String user : List.of(alice, bob)) {
            assertThat(numbersOf(user)).as(user).isEqualTo(oneTo(20));
            assertThat(outboxNumbersOf(user)).as(user).isEqualTo(oneTo(20));
        }
        assertThat(jdbc.queryForObject("select balance from user_counters where user_id = ?", BigDecimal.class, alice))
                .isEqualByComparingTo("30");
    }

    /** The balance is checked under the same row lock as the number: exactly 10 of 20 withdrawals of 10 fit 100. */
    @Test
    void concurrentWithdrawalsNeverOverdraw() throws Exception {
        String user = newUser("racer");
        numberIn(post(user, "deposit", "100"));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) calls.add(() -> post(user, "withdrawal", "10").statusCode());
        List<Integer> codes = runAll(calls);

        assertThat(codes.stream().filter(c -> c == 201)).hasSize(10);
        assertThat(codes.stream().filter(c -> c == 400)).hasSize(10);
        assertThat(numbersOf(user)).isEqualTo(oneTo(11));
        assertThat(outboxNumbersOf(user)).isEqualTo(oneTo(11));
        assertThat(jdbc.queryForObject("select balance from user_counters where user_id = ?", BigDecimal.class, user))
                .isEqualByComparingTo("0");
    }

    @Test
    void oneUsersStuckTransactionDoesNotBlockAnotherUser() throws Exception {
        String stuck = newUser("stuck");
        String free = newUser("free");
        numberIn(post(stuck, "deposit", "1"));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from user_counters where user_id = ? for update")) {
                lock.setString(1, stuck);
                lock.executeQuery().close();
            }
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(stuck, "deposit", "1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);

            long started = System.nanoTime();
            assertThat(numberIn(post(free, "deposit", "1"))).isEqualTo(1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            Thread.sleep(300);
            assertThat(waiting).as("the stuck user's request waits for its row lock").isNotDone();

            holder.rollback();
            assertThat(numberIn(waiting.get(10, TimeUnit.SECONDS))).isEqualTo(2);
        }
    }

    @Test
    void aFailureAfterTheWritesLeavesNoRowNoEventAndNoNumber() throws Exception {
        String user = newUser("doomed");
        try {
            transactions.executeWithoutResult(s -> {
                commands.create(new TransactionRequest("deposit", BigDecimal.TEN), new CurrentUser(user, user + "@x"));
                throw new IllegalStateException("crash after the write");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("crash after the write");
        }
        assertThat(numbersOf(user)).isEmpty();
        assertThat(outbox("transaction:created/" + user + "#")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from user_counters where user_id = ?", Long.class, user)).isZero();
        assertThat(numberIn(post(user, "deposit", "1"))).isEqualTo(1);
    }
}
