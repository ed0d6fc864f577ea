package dev.ticketing.accounts.api;

import dev.ticketing.accounts.ledger.Account;
import dev.ticketing.accounts.ledger.AccountRepository;
import dev.ticketing.common.auth.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
public class AccountController {
    private final AccountRepository accounts;

    public AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The signed-in user's balance as of the last transaction applied (0 and 0 before the first). */
    @GetMapping("/me")
    public AccountResponse me(CurrentUser user) {
        return AccountResponse.of(accounts.find(user.id()).orElseGet(() -> Account.empty(user.id())));
    }
}
