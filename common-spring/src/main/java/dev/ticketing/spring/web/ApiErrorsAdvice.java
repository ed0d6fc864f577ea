package dev.ticketing.spring.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Turns every error of a request into the common error body; nothing leaks a stack trace. */
@RestControllerAdvice
public class ApiErrorsAdvice {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorsAdvice.class);
    static final String DATABASE_UNREACHABLE = "the service cannot reach its database right now; try again shortly";
    static final String RETRY_AFTER_SECONDS = "1";
    private final DatabaseGate databaseGate;

    public ApiErrorsAdvice(DatabaseGate databaseGate) {
        this.databaseGate = databaseGate;
    }

    static ApiErrors databaseUnreachable() {
        return ApiErrors.of(DATABASE_UNREACHABLE, null);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiErrors> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(ApiErrors.of(e.getMessage(), e.field()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiErrors> invalid(MethodArgumentNotValidException e) {
        List<ApiErrors.Error> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiErrors.Error(f.getDefaultMessage(), f.getField()))
                .toList();
        return ResponseEntity.badRequest().body(new ApiErrors(errors));
    }

    /** Not JSON, or a field of the wrong type: name the field when the parser knows it. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiErrors> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = je.getPath().get(je.getPath().size() - 1).getPropertyName();
            return ResponseEntity.badRequest().body(ApiErrors.of(field + " has the wrong type", field));
        }
        return ResponseEntity.badRequest().body(ApiErrors.of("request body is not valid JSON", null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiErrors> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiErrors.of(e.getName() + " is not valid", e.getName()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiErrors> noRoute(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiErrors.of("not found", null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiErrors> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(ApiErrors.of(e.getMessage(), null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiErrors> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ApiErrors.of(e.getMessage(), null));
    }

    /** Also a database out of reach, however Spring wrapped it: a 503, and the next requests refused for a moment. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiErrors> unexpected(Exception e) {
        if (DatabaseUnreachable.causes(e)) {
            log.warn("refused a request: the database is out of reach ({})", e.getMessage());
            databaseGate.unreachable();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(databaseUnreachable());
        }
        log.error("unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiErrors.of("something went wrong", null));
    }
}
