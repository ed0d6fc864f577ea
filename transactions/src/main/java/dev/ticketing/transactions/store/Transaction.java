package dev.ticketing.transactions.store;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import java.math.BigDecimal;
import java.util.UUID;

/** A deposit or withdrawal of one user, with its number in that user's sequence (1, 2, 3, ...). */
public record Transaction(UUID id, String userId, Type type, BigDecimal amount, long number) {

    /** What a transaction of this type and amount does to the balance: + for a deposit, - for a withdrawal. */
    public static BigDecimal balanceChange(Type type, BigDecimal amount) {
        return type == Type.DEPOSIT ? amount : amount.negate();
    }
}
