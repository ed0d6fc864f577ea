package dev.ticketing.transactions.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.transactions.store.TransactionRepository;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/transactions")
public class TransactionController {
    private final TransactionCommands commands;
    private final TransactionRepository transactions;

    public TransactionController(TransactionCommands commands, TransactionRepository transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public TransactionResponse create(CurrentUser user, @Valid @RequestBody TransactionRequest request) {
        return TransactionResponse.of(commands.create(request, user));
    }

    /** The signed-in user's transactions, by number. */
    @GetMapping
    public List<TransactionResponse> mine(CurrentUser user) {
        return transactions.findByUser(user.id()).stream().map(TransactionResponse::of).toList();
    }
}
