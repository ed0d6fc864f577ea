package dev.ticketing.payments.charge;

/** The gateway could not do what was asked: unreachable, refused the request, or {@link #conflict()}. */
public class GatewayException extends RuntimeException {
    private final boolean conflict;

    GatewayException(String message, Throwable cause, boolean conflict) {
        super(message, cause);
        this.conflict = conflict;
    }

    static GatewayException failed(String message, Throwable cause) {
        return new GatewayException(message, cause, false);
    }

    /** The idempotency key was already used for a request with other details (e.g. another card). */
    static GatewayException conflict(String key) {
        return new GatewayException("idempotency key " + key + " was used with other details", null, true);
    }

    public boolean conflict() {
        return conflict;
    }
}
