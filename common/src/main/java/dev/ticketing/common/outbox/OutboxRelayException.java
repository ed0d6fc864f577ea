package dev.ticketing.common.outbox;

/** Some pending events of a batch could not be published; they stay pending and are retried. */
public class OutboxRelayException extends RuntimeException {
    public OutboxRelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
