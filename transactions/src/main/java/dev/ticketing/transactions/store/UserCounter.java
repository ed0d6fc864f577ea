package dev.ticketing.transactions.store;

import java.math.BigDecimal;

/** A user's counter row after a change: the number just handed out and the balance it leaves. */
public record UserCounter(long lastNumber, BigDecimal balance) {
    public boolean isOverdrawn() {
        return balance.signum() < 0;
    }
}
