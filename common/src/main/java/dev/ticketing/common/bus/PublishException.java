package dev.ticketing.common.bus;

/** The broker did not confirm a publish: the caller must treat the event as not sent. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
