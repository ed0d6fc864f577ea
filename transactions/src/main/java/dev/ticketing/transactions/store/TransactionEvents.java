package dev.ticketing.transactions.store;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.spring.outbox.TransactionalOutbox;
import org.springframework.stereotype.Component;

/** transaction:created, written to the outbox in the transaction that inserts the row. */
@Component
public class TransactionEvents {
    private final TransactionalOutbox outbox;

    public TransactionEvents(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    public void created(Transaction t) {
        outbox.add(Subjects.TRANSACTION_CREATED,
                new TransactionCreatedEvent(t.id().toString(), t.userId(), t.type(), t.amount(), t.number()));
    }
}
