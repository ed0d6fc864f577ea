package dev.ticketing.spring.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request the service's database cannot serve right now (down, restarting, or out of reach behind a
 * partition) is refused with 503 and the common error body, so that a client or a load balancer tries again:
 * it is not the client's fault, and not an unexpected error either. Before {@link ApiErrorsAdvice}, whose
 * catch-all would answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableAdvice {
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);
    static final String MESSAGE = "the service cannot reach its database right now; try again shortly";
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, QueryTimeoutException.class, RecoverableDataAccessException.class})
    ResponseEntity<ApiErrors> unavailable(Exception e) {
        log.warn("refused a request: the database is unavailable ({})", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ApiErrors.of(MESSAGE, null));
    }
}
