package dev.ticketing.common.events;

/** A payload that can never be handled: not JSON, a field missing or of the wrong type, a rule broken. */
public class PoisonMessageException extends Exception {
    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
