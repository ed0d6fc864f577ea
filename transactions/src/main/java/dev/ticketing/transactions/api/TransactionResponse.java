package dev.ticketing.transactions.api;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import dev.ticketing.transactions.store.Transaction;
import java.math.BigDecimal;

public record TransactionResponse(String id, String userId, Type type, BigDecimal amount, long number) {
    static TransactionResponse of(Transaction t) {
        return new TransactionResponse(t.id().toString(), t.userId(), t.type(), t.amount(), t.number());
    }
}
