package dev.ticketing.web.tickets;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Tickets for sale, selling one, a ticket's page (edit for its owner, order for the others). */
@Controller
class TicketsController {
    static final String LOST_RACE = "Someone changed this ticket while you were editing it. The form now shows its"
            + " current version; make your change again.";
    private final Backend backend;

    TicketsController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/")
    String index(Model model) {
        model.addAttribute("tickets", available());
        return "tickets";
    }

    /** The list alone, for the live page to re-fetch when a ticket changes. */
    @GetMapping("/tickets/list")
    String list(Model model) {
        model.addAttribute("tickets", available());
        return "tickets :: list";
    }

    @GetMapping("/tickets/new")
    String sellForm(Model model) {
        return sell(model, TicketForm.empty(), FormErrors.none());
    }

    @PostMapping("/tickets")
    String create(@CookieValue(value = Backend.SESSION, required = false) String session,
                  @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String price,
                  Model model, HttpServletResponse response) {
        TicketForm form = new TicketForm(title, price);
        Reply reply = backend.post("/api/tickets", session, form.body());
        if (reply.ok()) return "redirect:/tickets/" + reply.body().path("id").asString();
        response.setStatus(400);
        return sell(model, form, reply.errors());
    }

    @GetMapping("/tickets/{id}")
    String show(@PathVariable String id, Model model) {
        Ticket ticket = ticket(id);
        return page(model, ticket, TicketForm.of(ticket), FormErrors.none());
    }

    @GetMapping("/tickets/{id}/panel")
    String panel(@PathVariable String id, Model model) {
        show(id, model);
        return "ticket :: panel";
    }

    @PostMapping("/tickets/{id}")
    String edit(@CookieValue(value = Backend.SESSION, required = false) String session, @PathVariable String id,
                @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String price,
                Model model, HttpServletResponse response) {
        TicketForm form = new TicketForm(title, price);
        Reply reply = backend.put("/api/tickets/" + id, session, form.body());
        if (reply.ok()) return "redirect:/tickets/" + id + "?saved";
        response.setStatus(reply.status() == 409 ? 409 : 400);
        Ticket current = ticket(id);
        if (reply.status() == 409) return page(model, current, TicketForm.of(current), FormErrors.none().add(null, LOST_RACE));
        return page(model, current, form, reply.errors());
    }

    @PostMapping("/tickets/{id}/order")
    String order(@CookieValue(value = Backend.SESSION, required = false) String session, @PathVariable String id,
                 Model model, HttpServletResponse response) {
        Reply reply = backend.post("/api/orders", session, Map.of("ticketId", id));
        if (reply.ok()) return "redirect:/orders/" + reply.body().path("id").asString();
        response.setStatus(400);
        Ticket ticket = ticket(id);
        return page(model, ticket, TicketForm.of(ticket), reply.errors());
    }

    private List<Ticket> available() {
        Reply reply = backend.get("/api/tickets", null);
        if (!reply.ok()) throw new ResponseStatusException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
        return backend.readList(reply.body(), Ticket.class);
    }

    private Ticket ticket(String id) {
        Reply reply = backend.get("/api/tickets/" + id, null);
        if (reply.status() == 404 || reply.status() == 400) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        if (!reply.ok()) throw new ResponseStatusException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
        return backend.read(reply.body(), Ticket.class);
    }

    private static String sell(Model model, TicketForm form, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "sell";
    }

    private static String page(Model model, Ticket ticket, TicketForm form, FormErrors errors) {
        model.addAttribute("ticket", ticket);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "ticket";
    }
}
