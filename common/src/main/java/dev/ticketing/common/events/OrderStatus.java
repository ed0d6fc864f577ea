package dev.ticketing.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum OrderStatus {
    /** The order is created but the ticket it tries to reserve is not yet known to be reserved. */
    @JsonProperty("created") CREATED("created"),
    /** Cancelled by the user, by expiry, or because the ticket was already reserved. */
    @JsonProperty("cancelled") CANCELLED("cancelled"),
    /** The ticket is reserved for this order and payment is awaited. */
    @JsonProperty("awaiting:payment") AWAITING_PAYMENT("awaiting:payment"),
    /** Paid. */
    @JsonProperty("complete") COMPLETE("complete");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static OrderStatus fromWire(String wire) {
        for (OrderStatus s : values()) if (s.wire.equals(wire)) return s;
        throw new IllegalArgumentException("unknown order status " + wire);
    }
}
