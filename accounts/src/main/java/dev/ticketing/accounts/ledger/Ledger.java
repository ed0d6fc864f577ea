package dev.ticketing.accounts.ledger;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.common.ordering.VersionRule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a user's transactions strictly in number order: n only when n-1 is the last applied. An older
 * or equal number is a duplicate; a larger one waits (NOT_YET) until the missing ones are applied.
 */
@Service
public class Ledger {
    private final AccountRepository accounts;

    public Ledger(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional
    public Outcome apply(TransactionCreatedEvent transaction) {
        Account account = accounts.lock(transaction.userId());
        Outcome outcome = VersionRule.nextInSequence(account.lastTransactionNumber(), transaction.number());
        if (outcome == Outcome.APPLIED) accounts.save(account.apply(transaction));
        return outcome;
    }
}
