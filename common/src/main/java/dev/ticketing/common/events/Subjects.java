package dev.ticketing.common.events;

import dev.ticketing.common.ordering.VersionKind;

/** Every subject of the system, with its payload type. */
public final class Subjects {
    public static final Subject<TicketCreatedEvent> TICKET_CREATED = new Subject<>("ticket:created", TicketCreatedEvent.class);
    public static final Subject<TicketUpdatedEvent> TICKET_UPDATED = new Subject<>("ticket:updated", TicketUpdatedEvent.class);
    public static final Subject<OrderCreatedEvent> ORDER_CREATED = new Subject<>("order:created", OrderCreatedEvent.class);
    public static final Subject<OrderCancelledEvent> ORDER_CANCELLED = new Subject<>("order:cancelled", OrderCancelledEvent.class);
    public static final Subject<OrderCompletedEvent> ORDER_COMPLETED = new Subject<>("order:completed", OrderCompletedEvent.class);
    public static final Subject<ExpirationCompleteEvent> EXPIRATION_COMPLETE =
            new Subject<>("expiration:complete", ExpirationCompleteEvent.class);
    public static final Subject<TransactionCreatedEvent> TRANSACTION_CREATED =
            new Subject<>("transaction:created", TransactionCreatedEvent.class);
    public static final Subject<PaymentCreatedEvent> PAYMENT_CREATED = new Subject<>("payment:created", PaymentCreatedEvent.class);
    public static final Subject<PaymentRejectedEvent> PAYMENT_REJECTED =
            new Subject<>("payment:rejected", PaymentRejectedEvent.class);
    public static final Subject<PaymentRefundedEvent> PAYMENT_REFUNDED =
            new Subject<>("payment:refunded", PaymentRefundedEvent.class);

    private Subjects() {
    }

    /**
     * Where a ticket source outside this system publishes its tickets: {@code <source>:ticket}, whose
     * payload carries versions of the source's kind (the codec refuses the other kind).
     */
    public static Subject<? extends SourcedTicketEvent> sourcedTickets(String source, VersionKind kind) {
        return switch (kind) {
            case NUMBER -> numberedTickets(source);
            case INSTANT -> timestampedTickets(source);
        };
    }

    public static Subject<NumberedTicketEvent> numberedTickets(String source) {
        return new Subject<>(source + ":ticket", NumberedTicketEvent.class);
    }

    public static Subject<TimestampedTicketEvent> timestampedTickets(String source) {
        return new Subject<>(source + ":ticket", TimestampedTicketEvent.class);
    }
}
