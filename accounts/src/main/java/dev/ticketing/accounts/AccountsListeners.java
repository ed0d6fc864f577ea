package dev.ticketing.accounts;

import dev.ticketing.accounts.ledger.Ledger;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TransactionCreatedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every listener of the accounts service, in the queue group all its replicas share. */
@Configuration(proxyBeanMethods = false)
class AccountsListeners {
    static final String QUEUE_GROUP = "accounts-service";

    @Bean
    Listener<TransactionCreatedEvent> transactionCreated(Ledger ledger) {
        return Listener.of(Subjects.TRANSACTION_CREATED, QUEUE_GROUP, ledger::apply);
    }
}
