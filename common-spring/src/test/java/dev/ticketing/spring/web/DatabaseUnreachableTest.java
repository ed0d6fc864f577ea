package dev.ticketing.spring.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database out of reach makes a request a 503 with the error body, however Spring wrapped the cause, and the
 * requests right after it are refused at once; anything else stays a 500.
 */
class DatabaseUnreachableTest {
    /** What the services' stack throws when PostgreSQL is out of reach, as seen in partition runs. */
    @RestController
    static class Failing {
        final AtomicInteger calls = new AtomicInteger();

        @PutMapping("/api/fail/{how}")
        void fail(@PathVariable String how) {
            calls.incrementAndGet();
            throw switch (how) {
                case "pool-timeout" -> new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
                case "socket-timeout" -> new DataAccessResourceFailureException("PreparedStatementCallback",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006"));
                case "terminated-by-restart" -> new DataAccessResourceFailureException("PreparedStatementCallback",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
                case "rollback-failed" -> new TransactionSystemException("JDBC rollback failed",
                        new SQLException("This connection has been closed.", "08003"));
                case "rollback-on-closed" -> rollbackFailedAfter(new DataAccessResourceFailureException("PreparedStatementCallback",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006")));
                case "rollback-on-closed-alone" -> new TransactionSystemException("JDBC rollback failed",
                        new SQLException("Connection is closed"));
                case "rollback-after-bug" -> rollbackFailedAfter(new IllegalStateException("a bug"));
                case "constraint" -> new DataAccessResourceFailureException("not a connection fault",
                        new SQLException("duplicate key", "23505"));
                default -> new IllegalStateException("a bug");
            };
        }

        /** As Spring reports it: the rollback's failure, with the error that caused the rollback kept aside. */
        private static TransactionSystemException rollbackFailedAfter(RuntimeException cause) {
            TransactionSystemException failed = new TransactionSystemException("JDBC rollback failed",
                    new SQLException("Connection is closed"));
            failed.initApplicationException(cause);
            return failed;
        }

        @GetMapping("/api/ok")
        String ok() {
            calls.incrementAndGet();
            return "fine";
        }

        @GetMapping("/actuator/health")
        String health() {
            return "up";
        }
    }

    private final Failing controller = new Failing();
    private final DatabaseGate gate = new DatabaseGate();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
            .setControllerAdvice(new ApiErrorsAdvice(gate))
            .addFilters(new DatabaseGateFilter(gate, JsonMapper.builder().build()))
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"pool-timeout", "socket-timeout", "terminated-by-restart", "rollback-failed",
            "rollback-on-closed", "rollback-on-closed-alone"})
    void aDatabaseOutOfReachIs503WithTheErrorBody(String how) throws Exception {
        mvc.perform(put("/api/fail/" + how))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", ApiErrorsAdvice.RETRY_AFTER_SECONDS))
                .andExpect(jsonPath("$.errors[0].message").value(ApiErrorsAdvice.DATABASE_UNREACHABLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"constraint", "bug", "rollback-after-bug"})
    void anyOtherErrorIsStill500(String how) throws Exception {
        mvc.perform(put("/api/fail/" + how))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errors[0].message").value("something went wrong"));
        mvc.perform(get("/api/ok")).andExpect(status().isOk());
    }

    @Test
    void afterOneTheNextRequestsAreRefusedAtOnceButNotTheActuator() throws Exception {
        mvc.perform(put("/api/fail/pool-timeout")).andExpect(status().isServiceUnavailable());
        int calls = controller.calls.get();

        mvc.perform(get("/api/ok"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", ApiErrorsAdvice.RETRY_AFTER_SECONDS))
                .andExpect(jsonPath("$.errors[0].message").value(ApiErrorsAdvice.DATABASE_UNREACHABLE));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string("up"));

        assertThat(controller.calls.get()).as("the refused request reached no handler")
                .isEqualTo(calls);
    }

    @Test
    void theGateOpensAgainAfterAMoment() throws Exception {
        mvc.perform(put("/api/fail/pool-timeout")).andExpect(status().isServiceUnavailable());

        await().atMost(DatabaseGate.REFUSE_FOR.multipliedBy(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                mvc.perform(get("/api/ok")).andExpect(status().isOk()).andExpect(content().string("fine")));
    }
}
