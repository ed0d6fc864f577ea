package dev.ticketing.common.events;

/** A typed event payload. Its key is unique per change, so a re-publish of the same change dedups. */
public interface Event {
    /** Unique per change of the record: for versioned events the record id and its version. */
    String eventKey();
}
