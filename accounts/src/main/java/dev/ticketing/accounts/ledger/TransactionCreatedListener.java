package dev.ticketing.accounts.ledger;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TransactionCreatedEvent;
import org.springframework.stereotype.Component;

/** transaction:created for the accounts queue group: every replica shares one durable consumer. */
@Component
public class TransactionCreatedListener extends Listener<TransactionCreatedEvent> {
    private final Ledger ledger;

    public TransactionCreatedListener(Ledger ledger) {
        super(Subjects.TRANSACTION_CREATED, "accounts-service");
        this.ledger = ledger;
    }

    @Override
    public Outcome onMessage(TransactionCreatedEvent event, Delivery delivery) {
        return ledger.apply(event);
    }
}
