package dev.ticketing.transactions.store;

import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import java.math.BigDecimal;
import java.util.UUID;

/** A deposit or withdrawal of one user, with its number in that user's sequence (1, 2, 3, ...). */
public record Transaction(UUID id, String userId, Type type, BigDecimal amount, long number) {
}
