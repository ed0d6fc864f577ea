package dev.ticketing.users.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.users.UsersIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Defaults: 5 failures lock out; the test configuration makes the lock-out 2 s (test config/application.yml). */
class ThrottleTest extends UsersIntegrationTest {
    private static final int MAX_FAILURES = 5;
    private static final String WRONG = "wrong password";

    @Test
    void fiveWrongPasswordsLockSignInEvenForTheRightOneUntilTheLockOutEnds() throws Exception {
        String email = newEmail("locked");
        signUp(email, PASSWORD);
        failTimes(MAX_FAILURES, email);

        assertLocked(signIn(email, PASSWORD));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> signIn(email, PASSWORD).statusCode() == 200);
        assertThat(signIn(email, WRONG).statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAKnownOne() throws Exception {
        String unknown = newEmail("nobody");
        failTimes(MAX_FAILURES, unknown);
        assertLocked(signIn(unknown, PASSWORD));
    }

    @Test
    void failuresCountPerEmailWhateverItsCase() throws Exception {
        String email = newEmail("Mixed.Case");
        signUp(email, PASSWORD);
        failTimes(2, email.toUpperCase());
        failTimes(MAX_FAILURES - 2, email.toLowerCase());
        assertLocked(signIn(email, PASSWORD));
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() throws Exception {
        String email = newEmail("reset");
        signUp(email, PASSWORD);
        failTimes(MAX_FAILURES - 1, email);
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from sign_in_attempts where email_key = ?", Long.class,
                email.toLowerCase())).isZero();

        failTimes(MAX_FAILURES - 1, email);
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void parallelGuessesCannotPassTheLimit() throws Exception {
        String email = newEmail("parallel");
        signUp(email, PASSWORD);
        int guesses = 2 * MAX_FAILURES;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) answers.add(pool.submit(() -> signIn(email, WRONG)));
            Map<Integer, Long> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> a : answers) byStatus.merge(a.get().statusCode(), 1L, Long::sum);
            assertThat(byStatus).isEqualTo(Map.of(400, (long) MAX_FAILURES, 429, (long) MAX_FAILURES));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherEmailIsNotLockedOut() throws Exception {
        String other = newEmail("other");
        signUp(other, PASSWORD);
        failTimes(MAX_FAILURES, newEmail("attacked"));
        assertThat(signIn(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    private void failTimes(int n, String email) throws Exception {
        for (int i = 1; i <= n; i++) {
            HttpResponse<String> r = signIn(email, WRONG);
            assertThat(r.statusCode()).as("failure %d of %s", i, email).isEqualTo(400);
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        }
    }

    private static void assertLocked(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"too many failed sign-in attempts, try again later\"}]}");
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
}
