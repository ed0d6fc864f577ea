package dev.ticketing.web.orders;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** My orders, an order's page (countdown, status) and paying it with a card token. */
@Controller
class OrdersController {
    static final String TEST_TOKEN = "tok_visa";
    static final int PAGE_SIZE = 20;
    private final Backend backend;

    OrdersController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/orders")
    String mine(@CookieValue(value = Backend.SESSION, required = false) String session,
                @RequestParam(required = false) String after, Model model) {
        Reply reply = backend.getPage("/api/orders", session, PAGE_SIZE, after);
        if (reply.status() == 401) return "redirect:/signin";
        if (reply.status() == 400) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        if (!reply.ok()) throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        model.addAttribute("orders", backend.readList(reply.body(), Order.class));
        model.addAttribute("after", after);
        model.addAttribute("next", reply.next());
        return "orders";
    }

    @GetMapping("/orders/{id}")
    String show(@CookieValue(value = Backend.SESSION, required = false) String session, @PathVariable String id,
                Model model) {
        return page(model, order(session, id), TEST_TOKEN, FormErrors.none());
    }

    /** The status part alone, for the live page to re-fetch when the order changes. */
    @GetMapping("/orders/{id}/status")
    String status(@CookieValue(value = Backend.SESSION, required = false) String session, @PathVariable String id,
                  Model model) {
        page(model, order(session, id), TEST_TOKEN, FormErrors.none());
        return "order :: status";
    }

    @PostMapping("/orders/{id}/pay")
    String pay(@CookieValue(value = Backend.SESSION, required = false) String session, @PathVariable String id,
               @RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
        Reply reply = backend.post("/api/payments", session, Map.of("orderId", id, "token", token));
        if (reply.ok()) return "redirect:/orders/" + id + "?paid";
        response.setStatus(reply.status() == 402 ? 402 : 400);
        return page(model, order(session, id), token, reply.errors());
    }

    private Order order(String session, String id) {
        Reply reply = backend.get("/api/orders/" + id, session);
        if (reply.status() == 401) throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "sign in to see your orders");
        if (reply.status() == 403 || reply.status() == 404 || reply.status() == 400) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (!reply.ok()) throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE);
        return backend.read(reply.body(), Order.class);
    }

    private static String page(Model model, Order order, String token, FormErrors errors) {
        model.addAttribute("order", order);
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        return "order";
    }
}
