package dev.ticketing.tickets.reservations;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCancelledEvent;
import dev.ticketing.common.events.OrderCreatedEvent;
import dev.ticketing.tickets.store.Ticket;
import dev.ticketing.tickets.store.TicketEvents;
import dev.ticketing.tickets.store.TicketRepository;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserving and releasing a ticket for an order. Each change bumps the ticket's version and writes
 * ticket:updated to the outbox in the same transaction: without that event the replicas would wait
 * for a version that never comes. The ticket row is locked, so a redelivery racing itself is harmless.
 */
@Service
public class Reservations {
    private static final Logger log = LoggerFactory.getLogger(Reservations.class);
    private final TicketRepository tickets;
    private final TicketEvents events;

    public Reservations(TicketRepository tickets, TicketEvents events) {
        this.tickets = tickets;
        this.events = events;
    }

    @Transactional
    public Outcome reserve(OrderCreatedEvent order) {
        Ticket ticket = lockTicket(order.ticket().id(), order.id());
        if (order.id().equals(ticket.orderId())) return Outcome.DUPLICATE;
        if (tickets.isCancelled(order.id())) return Outcome.DUPLICATE; // its cancel came first
        if (ticket.isReserved()) {
            // Orders lets one order at a time hold a ticket, so the holder's cancel is on its way (it
            // travels on another subject and may be behind): wait for it rather than lose this order.
            log.debug("order {} waits for ticket {} held by order {}", order.id(), ticket.id(), ticket.orderId());
            return Outcome.NOT_YET;
        }
        events.updated(tickets.save(ticket.reservedBy(order.id())));
        return Outcome.APPLIED;
    }

    /** Only the order that holds the ticket releases it; the cancel is remembered for a late create. */
    @Transactional
    public Outcome release(OrderCancelledEvent order) {
        Ticket ticket = lockTicket(order.ticket().id(), order.id());
        tickets.rememberCancelled(order.id(), ticket.id());
        if (!order.id().equals(ticket.orderId())) return Outcome.DUPLICATE;
        events.updated(tickets.save(ticket.released()));
        return Outcome.APPLIED;
    }

    private Ticket lockTicket(String ticketId, String orderId) {
        return tickets.findForUpdate(UUID.fromString(ticketId)).orElseThrow(() -> new IllegalStateException(
                "order " + orderId + " refers to ticket " + ticketId + " which does not exist"));
    }
}
