package dev.ticketing.tickets.reservations;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.tickets.store.Ticket;
import java.util.function.BooleanSupplier;

/** Whether an order reserves or releases a ticket: the decisions of {@link Reservations}, without the database. */
final class ReservationRule {
    private ReservationRule() {
    }

    /**
     * order:created. The holder itself again is a duplicate, and so is an order whose cancel came first.
     * Orders lets one order at a time hold a ticket, so another holder's cancel is on its way (it travels
     * on another subject and may be behind): wait for it rather than lose this order.
     *
     * @param cancelled asked only when the order does not hold the ticket already
     */
    static Outcome reserve(Ticket ticket, String orderId, BooleanSupplier cancelled) {
        if (orderId.equals(ticket.orderId()) || cancelled.getAsBoolean()) return Outcome.DUPLICATE;
        return ticket.isReserved() ? Outcome.NOT_YET : Outcome.APPLIED;
    }

    /** order:cancelled: only the order that holds the ticket releases it. */
    static Outcome release(Ticket ticket, String orderId) {
        return orderId.equals(ticket.orderId()) ? Outcome.APPLIED : Outcome.DUPLICATE;
    }
}
