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
        Outcome outcome = ReservationRule.reserve(ticket, order.id(), () -> tickets.isCancelled(order.id()));
        if (outcome == Outcome.APPLIED) events.updated(tickets.save(ticket.reservedBy(order.id())));
        if (outcome == Outcome.NOT_YET) {
            log.debug("order {} waits for ticket {} held by order {}", order.id(), ticket.id(), ticket.orderId());
        }
        return outcome;
    }

    /** The cancel is remembered for a create that comes after it. */
    @Transactional
    public Outcome release(OrderCancelledEvent order) {
        Ticket ticket = lockTicket(order.ticket().id(), order.id());
        tickets.rememberCancelled(order.id(), ticket.id());
        Outcome outcome = ReservationRule.release(ticket, order.id());
        if (outcome == Outcome.APPLIED) events.updated(tickets.save(ticket.released()));
        return outcome;
    }

    private Ticket lockTicket(String ticketId, String orderId) {
        return tickets.findForUpdate(UUID.fromString(ticketId)).orElseThrow(() -> new IllegalStateException(
                "order " + orderId + " refers to ticket " + ticketId + " which does not exist"));
    }
}
