package dev.ticketing.payments.payment;

/** A payment is created charged; it is refunded when orders rejects it. */
public enum PaymentStatus {
    CREATED("created"), REFUNDED("refunded");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static PaymentStatus fromWire(String wire) {
        for (PaymentStatus s : values()) if (s.wire.equals(wire)) return s;
        throw new IllegalArgumentException("unknown payment status " + wire);
    }
}
