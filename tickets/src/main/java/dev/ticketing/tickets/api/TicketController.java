package dev.ticketing.tickets.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.paging.PageRequest;
import dev.ticketing.spring.web.ApiErrors;
import dev.ticketing.spring.web.ApiException;
import dev.ticketing.spring.web.Paging;
import dev.ticketing.tickets.store.StaleVersionException;
import dev.ticketing.tickets.store.TicketRepository;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tickets")
public class TicketController {
    private final TicketCommands commands;
    private final TicketRepository tickets;

    public TicketController(TicketCommands commands, TicketRepository tickets) {
        this.commands = commands;
        this.tickets = tickets;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public TicketResponse create(CurrentUser user, @Valid @RequestBody TicketRequest request) {
        return TicketResponse.of(commands.create(request, user));
    }

    /** Tickets not reserved by an order, newest first, a page at a time. */
    @GetMapping
    public ResponseEntity<List<TicketResponse>> available(@RequestParam(required = false) String limit,
                                                          @RequestParam(required = false) String after) {
        PageRequest page = Paging.request(limit, after);
        return Paging.answer("/api/tickets", page, tickets.findAvailable(page).map(TicketResponse::of));
    }

    @GetMapping("/{id}")
    public TicketResponse show(@PathVariable UUID id) {
        return tickets.find(id).map(TicketResponse::of).orElseThrow(() -> ApiException.notFound("ticket not found"));
    }

    @PutMapping("/{id}")
    public TicketResponse update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody TicketRequest request) {
        return TicketResponse.of(commands.update(id, request, user));
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ApiErrors> lostRace(StaleVersionException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiErrors.of(e.getMessage(), null));
    }
}
