package dev.ticketing.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.accounts.ledger.Account;
import dev.ticketing.accounts.ledger.AccountRepository;
import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;

/** The accounts service on the real engine; every test class shares one context. */
public abstract class AccountsIntegrationTest extends ServiceIntegrationTest {
    @Autowired
    protected AccountRepository accounts;

    /** A user id of its own for each test: the database and the stream are shared by every test of the run. */
    protected static String newUser(String name) {
        return name + "-" + UUID.randomUUID();
    }

    protected static TransactionCreatedEvent deposit(String user, String amount, long number) {
        return transaction(user, TransactionCreatedEvent.Type.DEPOSIT, amount, number);
    }

    protected static TransactionCreatedEvent withdrawal(String user, String amount, long number) {
        return transaction(user, TransactionCreatedEvent.Type.WITHDRAWAL, amount, number);
    }

    private static TransactionCreatedEvent transaction(String user, TransactionCreatedEvent.Type type, String amount,
                                                       long number) {
        return new TransactionCreatedEvent(UUID.randomUUID().toString(), user, type, new BigDecimal(amount), number);
    }

    /** The stored account, or the empty one when none is stored yet. */
    protected Account accountOf(String user) {
        return accounts.find(user).orElseGet(() -> Account.empty(user));
    }

    protected boolean hasReached(String user, String balance, long lastNumber) {
        Account a = accountOf(user);
        return a.lastTransactionNumber() == lastNumber && a.balance().compareTo(new BigDecimal(balance)) == 0;
    }

    /** Waits until the user's account has that balance after that number, as replicas apply asynchronously. */
    protected void awaitReached(Duration atMost, String user, String balance, long lastNumber) {
        await().atMost(atMost).untilAsserted(() -> assertThat(accountOf(user)).satisfies(a -> {
            assertThat(a.lastTransactionNumber()).isEqualTo(lastNumber);
            assertThat(a.balance()).isEqualByComparingTo(balance);
        }));
    }
}
