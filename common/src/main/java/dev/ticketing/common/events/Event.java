package dev.ticketing.common.events;

/** A typed event payload. Its key is unique per change, so a re-publish of the same change dedups. */
public interface Event {
    /** Unique per change of the record: for versioned events the record id and its version. */
    String eventKey();

    /**
     * The record whose changes must be applied in order (a ticket, an order, a user's ledger): all events
     * of one key travel in one partition of their subject, see {@link Partitions}.
     */
    String partitionKey();
}
