package dev.ticketing.orders.order;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.OrderStatus;
import dev.ticketing.common.events.PaymentCreatedEvent;
import dev.ticketing.orders.replica.TicketReplica;
import dev.ticketing.orders.replica.TicketReplicaRepository;
import dev.ticketing.spring.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Order changes: each change and its event commit in one transaction. */
@Service
public class OrderCommands {
    private final OrderRepository orders;
    private final TicketReplicaRepository tickets;
    private final OrderEvents events;
    private final Duration window;

    public OrderCommands(OrderRepository orders, TicketReplicaRepository tickets, OrderEvents events,
                         @Value("${orders.expiration-window:15m}") Duration window) {
        this.orders = orders;
        this.tickets = tickets;
        this.events = events;
        this.window = window;
    }

    @Transactional
    public Order place(UUID ticketId, CurrentUser user) {
        TicketReplica ticket = tickets.find(ticketId).orElseThrow(() -> ApiException.notFound("ticket not found"));
        if (orders.ticketIsReserved(ticketId)) throw reserved();
        Order order = new Order(UUID.randomUUID(), user.id(), OrderStatus.CREATED, expiresAt(), ticketId, 0, null);
        try {
            orders.insert(order);
        } catch (DuplicateKeyException raceLost) {
            throw reserved();
        }
        events.created(order, ticket);
        return order;
    }

    /** Owner only. Cancelling a cancelled order changes nothing; a complete one cannot be cancelled. */
    @Transactional
    public void cancel(UUID id, CurrentUser user) {
        Order order = orders.find(id).orElseThrow(() -> ApiException.notFound("order not found"));
        if (!order.userId().equals(user.id())) throw ApiException.forbidden("not your order");
        if (order.status() == OrderStatus.COMPLETE) throw ApiException.badRequest("a complete order cannot be cancelled");
        if (order.status() != OrderStatus.CANCELLED) cancelAndEmit(order);
    }

    /** expiration:complete: cancel unless it is complete or already cancelled. */
    @Transactional
    public Outcome expire(ExpirationCompleteEvent expired) {
        UUID id = UUID.fromString(expired.orderId());
        Order order = orders.find(id).orElseThrow(() -> new IllegalStateException("expiry for unknown order " + id));
        if (order.status() == OrderStatus.COMPLETE || order.status() == OrderStatus.CANCELLED) return Outcome.DUPLICATE;
        cancelAndEmit(order);
        return Outcome.APPLIED;
    }

    /**
     * payment:created. Orders alone decides whether a payment counts: an open order is completed by it
     * (version + 1, order:completed); a payment on a cancelled order, or a second payment, is rejected
     * (payment:rejected, once per payment), and payments refunds it.
     */
    @Transactional
    public Outcome paid(PaymentCreatedEvent payment) {
        UUID id = UUID.fromString(payment.orderId());
        UUID paymentId = UUID.fromString(payment.id());
        Order order = orders.find(id).orElseThrow(() -> new IllegalStateException("payment " + paymentId + " for unknown order " + id));
        if (paymentId.equals(order.paymentId())) return Outcome.DUPLICATE;
        if (order.status() == OrderStatus.CANCELLED) return reject(order, payment, "order was cancelled");
        if (order.status() == OrderStatus.COMPLETE) return reject(order, payment, "order was paid by another payment");
        // A lost race (a cancel in between) is retried by the listener, and then sees the cancel.
        Order saved = orders.save(order.completedBy(paymentId)).orElseThrow(
                () -> new IllegalStateException("order " + id + " changed while payment " + paymentId + " completed it"));
        events.completed(saved);
        return Outcome.APPLIED;
    }

    private Outcome reject(Order order, PaymentCreatedEvent payment, String reason) {
        if (!orders.rememberRejected(UUID.fromString(payment.id()), order.id())) return Outcome.DUPLICATE;
        events.rejected(payment, reason);
        return Outcome.APPLIED;
    }

    /** PostgreSQL keeps microseconds: the response, the event and the stored order carry the same instant. */
    private Instant expiresAt() {
        return Instant.now().plus(window).truncatedTo(ChronoUnit.MICROS);
    }

    private void cancelAndEmit(Order order) {
        Order saved = orders.save(order.withStatus(OrderStatus.CANCELLED)).orElseThrow(
                () -> ApiException.conflict("order " + order.id() + " was changed by someone else; try again"));
        events.cancelled(saved);
    }

    private static ApiException reserved() {
        return ApiException.badRequest("ticket is already reserved", "ticketId");
    }
}
