package dev.ticketing.web.account;

import dev.ticketing.common.bus.Backoff;
import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Accounting: balance (accounts), numbered history (transactions), deposit and withdraw. The history is
 * the transactions service's, current once a transaction is recorded; the balance is the accounts
 * service's, which applies each transaction a moment after its transaction:created event.
 */
@Controller
class AccountController {
    /** How often the panel asks accounts again for a transaction not applied yet: about 10 s in all. */
    static final int BALANCE_LOOKS = 12;
    private static final Duration FIRST_LOOK_AGAIN = Duration.ofMillis(100);
    private static final Duration LONGEST_LOOK_AGAIN = Duration.ofSeconds(1);

    private final Backend backend;

    AccountController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/account")
    String show(@CookieValue(value = Backend.SESSION, required = false) String session,
                @RequestParam(defaultValue = "0") long done, Model model) {
        if (session == null) return "redirect:/signin";
        return page(model, session, done, "deposit", "", FormErrors.none());
    }

    /**
     * Balance and history alone, for the live page: {@code done} is a transaction the page knows is recorded
     * (from the form's redirect or a pushed transaction:created). The balance is asked again, bounded, until
     * accounts has applied it; past the bound the panel says the balance is catching up.
     */
    @GetMapping("/account/panel")
    String panel(@CookieValue(value = Backend.SESSION, required = false) String session,
                 @RequestParam(defaultValue = "0") long done, Model model) {
        if (session == null) throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        balanceAndHistory(model, session, done, BALANCE_LOOKS);
        return "account :: panel";
    }

    @PostMapping("/account")
    String transact(@CookieValue(value = Backend.SESSION, required = false) String session,
                    @RequestParam(defaultValue = "deposit") String type, @RequestParam(defaultValue = "") String amount,
                    Model model, HttpServletResponse response) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("amount", amount.isBlank() ? null : number(amount.trim()));
        Reply reply = backend.post("/api/transactions", session, body);
        if (reply.ok()) return "redirect:/account?done=" + reply.body().path("number").asLong();
        response.setStatus(reply.status() == 401 ? 401 : 400);
        return page(model, session, 0, type, amount, reply.errors());
    }

    private String page(Model model, String session, long done, String type, String amount, FormErrors errors) {
        balanceAndHistory(model, session, done, 1);
        model.addAttribute("type", type);
        model.addAttribute("amount", amount);
        model.addAttribute("errors", errors);
        return "account";
    }

    private void balanceAndHistory(Model model, String session, long done, int looks) {
        Reply history = backend.get("/api/transactions", session);
        if (history.status() == 401) throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        if (!history.ok()) throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        List<Transaction> transactions = backend.readList(history.body(), Transaction.class).stream()
                .sorted(Comparator.comparingLong(Transaction::number).reversed()).toList();
        model.addAttribute("transactions", transactions);
        model.addAttribute("balance", balanceAsOf(session, done, looks));
        model.addAttribute("done", done);
    }

    /** The balance once it includes transaction {@code number}, or as it is after {@code looks} looks. */
    private Balance balanceAsOf(String session, long number, int looks) {
        for (int look = 1; ; look++) {
            Reply reply = backend.get("/api/accounts/me", session);
            if (!reply.ok()) throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
            Balance balance = backend.read(reply.body(), Balance.class);
            if (balance.lastTransactionNumber() >= number || look >= looks) return balance;
            try {
                Thread.sleep(Backoff.delay(FIRST_LOOK_AGAIN, look, LONGEST_LOOK_AGAIN).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return balance;
            }
        }
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text; // the API names the field
        }
    }
}
