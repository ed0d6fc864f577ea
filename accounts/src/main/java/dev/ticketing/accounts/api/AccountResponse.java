package dev.ticketing.accounts.api;

import dev.ticketing.accounts.ledger.Account;
import java.math.BigDecimal;

public record AccountResponse(String userId, BigDecimal balance, long lastTransactionNumber) {
    static AccountResponse of(Account a) {
        return new AccountResponse(a.userId(), a.balance(), a.lastTransactionNumber());
    }
}
