package dev.ticketing.web.account;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
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

/** Accounting: balance (accounts), numbered history (transactions), deposit and withdraw. */
@Controller
class AccountController {
    private final Backend backend;

    AccountController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/account")
    String show(@CookieValue(value = Backend.SESSION, required = false) String session, Model model) {
        if (session == null) return "redirect:/signin";
        return page(model, session, "deposit", "", FormErrors.none());
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
        response.setStatus(400);
        return page(model, session, type, amount, reply.errors());
    }

    private String page(Model model, String session, String type, String amount, FormErrors errors) {
        Reply history = backend.get("/api/transactions", session);
        Reply balance = backend.get("/api/accounts/me", session);
        if (history.status() == 401) throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        if (!history.ok() || !balance.ok()) throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        List<Transaction> transactions = backend.readList(history.body(), Transaction.class).stream()
                .sorted(Comparator.comparingLong(Transaction::number).reversed()).toList();
        model.addAttribute("transactions", transactions);
        model.addAttribute("balance", backend.read(balance.body(), Balance.class));
        model.addAttribute("type", type);
        model.addAttribute("amount", amount);
        model.addAttribute("errors", errors);
        return "account";
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text; // the API names the field
        }
    }
}
