package dev.ticketing.spring.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** A database that cannot serve a request makes it a 503 with the error body; anything else stays a 500. */
class DatabaseUnavailableAdviceTest {
    @RestController
    static class Failing {
        @PutMapping("/fail/{how}")
        void fail(@PathVariable String how) {
            throw switch (how) {
                case "no-transaction" -> new CannotCreateTransactionException("Could not open JDBC Connection",
                        new SQLException("Connection is not available, request timed out after 5000ms."));
                case "no-connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
                case "timeout" -> new QueryTimeoutException("read timed out");
                default -> new IllegalStateException("a bug");
            };
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ApiErrorsAdvice(), new DatabaseUnavailableAdvice()).build();

    @ParameterizedTest
    @ValueSource(strings = {"no-transaction", "no-connection", "timeout"})
    void databaseUnavailableIs503WithTheErrorBody(String how) throws Exception {
        mvc.perform(put("/fail/" + how))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", DatabaseUnavailableAdvice.RETRY_AFTER_SECONDS))
                .andExpect(jsonPath("$.errors[0].message").value(DatabaseUnavailableAdvice.MESSAGE));
    }

    @org.junit.jupiter.api.Test
    void anyOtherErrorIsStill500() throws Exception {
        mvc.perform(put("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errors[0].message").value("something went wrong"));
    }
}
