package dev.ticketing.tickets.api;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.spring.web.ApiException;
import dev.ticketing.tickets.store.StaleVersionException;
import dev.ticketing.tickets.store.Ticket;
import dev.ticketing.tickets.store.TicketEvents;
import dev.ticketing.tickets.store.TicketRepository;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes made through the API: each change and its event commit in one transaction. */
@Service
public class TicketCommands {
    private final TicketRepository tickets;
    private final TicketEvents events;

    public TicketCommands(TicketRepository tickets, TicketEvents events) {
        this.tickets = tickets;
        this.events = events;
    }

    @Transactional
    public Ticket create(TicketRequest request, CurrentUser user) {
        Ticket ticket = tickets.insert(Ticket.create(request.title().strip(), request.price().setScale(2), user.id()));
        events.created(ticket);
        return ticket;
    }

    /**
     * Owner only, not while reserved; a concurrent change makes the save fail (409), never overwrite: one
     * since the editor read the ticket (the request's version), or one racing this save. The usual case is
     * one statement; only a refused edit reads the ticket, to say why.
     */
    @Transactional
    public Ticket update(UUID id, TicketRequest request, CurrentUser user) {
        Ticket saved = tickets.updateDetails(id, user.id(), request.version(), request.title().strip(),
                request.price().setScale(2)).orElseThrow(() -> refusal(id, request, user));
        events.updated(saved);
        return saved;
    }

    private RuntimeException refusal(UUID id, TicketRequest request, CurrentUser user) {
        Ticket ticket = tickets.find(id).orElse(null);
        if (ticket == null) return ApiException.notFound("ticket not found");
        if (!ticket.userId().equals(user.id())) return ApiException.forbidden("only the owner may edit a ticket");
        if (ticket.isReserved()) return ApiException.badRequest("cannot edit a reserved ticket");
        return new StaleVersionException(id, request.version() != null ? request.version() : ticket.version());
    }
}
