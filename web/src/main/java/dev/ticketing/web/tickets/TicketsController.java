package dev.ticketing.web.tickets;

import dev.ticketing.web.api.Backend;
import dev.ticketing.web.api.FormErrors;
import dev.ticketing.web.api.Reply;
import jakarta.servlet.http.HttpServletResponse;
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
    static final int PAGE_SIZE = 20;
    private final Backend backend;

    TicketsController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/")
    String index(@RequestParam(required = false) String after, Model model) {
        available(after, model);
        return "tickets";
    }

    /**
     * The list alone, for the live page to re-fetch when a ticket changes. It re-fetches the page it shows
     * (same cursor): newer tickets appear on the first page only, a reserved one leaves any page.
     */
    @GetMapping("/tickets/list")
    String list(@RequestParam(required = false) String after, Model model) {
        available(after, model);
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
        TicketForm form = new TicketForm(title, price, null);
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
                @RequestParam(required = false) String version, Model model, HttpServletResponse response) {
        TicketForm form = new TicketForm(title, price, version);
        Reply reply = backend.put("/api/tickets/" + id, session, form.body());
        if (reply.ok()) return "redirect:/tickets/" + id + "?saved";
        response.setStatus(reply.status() == 409 ? 409 : 400);
        Ticket current = ticket(id);
        if (reply.status() == 409) return page(model, current, TicketForm.of(current), FormErrors.none().add(null, LOST_RACE));
        return page(model, current, form, reply.errors()); // as typed, still over the version it was made on
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

    private void available(String after, Model model) {
        Reply reply = backend.getPage("/api/tickets", null, PAGE_SIZE, after);
        if (reply.status() == 400) throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        if (!reply.ok()) throw new ResponseStatusException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
        model.addAttribute("tickets", backend.readList(reply.body(), Ticket.class));
        model.addAttribute("after", after);
        model.addAttribute("next", reply.next());
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
