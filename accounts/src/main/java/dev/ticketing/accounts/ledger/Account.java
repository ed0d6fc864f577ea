package dev.ticketing.accounts.ledger;

import dev.ticketing.common.events.TransactionCreatedEvent;
import java.math.BigDecimal;

/** A user's balance after the transactions numbered 1..lastTransactionNumber. */
public record Account(String userId, BigDecimal balance, long lastTransactionNumber) {

    /** A user no transaction has been applied for yet. */
    public static Account empty(String userId) {
        return new Account(userId, new BigDecimal("0.00"), 0);
    }

    public Account apply(TransactionCreatedEvent t) {
        return new Account(userId, balance.add(t.type().signed(t.amount())), t.number());
    }
}
