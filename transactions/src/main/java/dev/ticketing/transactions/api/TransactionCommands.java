package dev.ticketing.transactions.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import dev.ticketing.spring.web.ApiException;
import dev.ticketing.transactions.store.Transaction;
import dev.ticketing.transactions.store.TransactionEvents;
import dev.ticketing.transactions.store.TransactionRepository;
import dev.ticketing.transactions.store.UserCounter;
import dev.ticketing.transactions.store.UserCounters;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating a transaction, in one database transaction: the user's counter row is advanced first (its
 * lock serializes that user's requests), then the row and its event are written. A withdrawal that
 * would overdraw is rejected and rolled back, so it consumes no number.
 */
@Service
public class TransactionCommands {
    private final UserCounters counters;
    private final TransactionRepository transactions;
    private final TransactionEvents events;

    public TransactionCommands(UserCounters counters, TransactionRepository transactions, TransactionEvents events) {
        this.counters = counters;
        this.transactions = transactions;
        this.events = events;
    }

    @Transactional
    public Transaction create(TransactionRequest request, CurrentUser user) {
        Type type = request.transactionType();
        BigDecimal amount = request.amount().setScale(2);
        UserCounter counter = counters.advance(user.id(), type.signed(amount));
        if (counter.isOverdrawn()) throw ApiException.badRequest("insufficient funds", "amount");
        Transaction created = transactions.insert(
                new Transaction(UUID.randomUUID(), user.id(), type, amount, counter.lastNumber()));
        events.created(created);
        return created;
    }
}
