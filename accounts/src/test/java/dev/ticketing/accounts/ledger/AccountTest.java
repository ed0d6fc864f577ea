package dev.ticketing.accounts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.common.events.TransactionCreatedEvent.Type;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Account.apply without a database: the balance and number after one transaction. */
class AccountTest {
    private static TransactionCreatedEvent transaction(Type type, String amount, long number) {
        return new TransactionCreatedEvent("t" + number, "u1", type, new BigDecimal(amount), number);
    }

    @Test
    void aNewAccountIsZeroAtNumberZero() {
        Account empty = Account.empty("u1");
        assertThat(empty.balance()).isEqualByComparingTo("0");
        assertThat(empty.lastTransactionNumber()).isZero();
    }

    @Test
    void theSeedsWalkThroughLeavesTenAtNumberThree() {
        Account a = Account.empty("u1")
                .apply(transaction(Type.DEPOSIT, "70", 1))
                .apply(transaction(Type.DEPOSIT, "40", 2));
        assertThat(a.balance()).isEqualByComparingTo("110");
        assertThat(a.lastTransactionNumber()).isEqualTo(2);

        Account after = a.apply(transaction(Type.WITHDRAWAL, "100", 3));
        assertThat(after.balance()).isEqualByComparingTo("10");
        assertThat(after.lastTransactionNumber()).isEqualTo(3);
        assertThat(after.userId()).isEqualTo("u1");
    }

    @Test
    void aReplicaFollowsTheOwnerEvenBelowZero() {
        Account a = Account.empty("u1").apply(transaction(Type.WITHDRAWAL, "0.01", 1));
        assertThat(a.balance()).isEqualByComparingTo("-0.01");
    }

    @Test
    void applyingLeavesTheAccountItWasAppliedToUnchanged() {
        Account before = Account.empty("u1");
        before.apply(transaction(Type.DEPOSIT, "5", 1));
        assertThat(before).isEqualTo(Account.empty("u1"));
    }
}
