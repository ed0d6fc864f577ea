package dev.ticketing.common.events;

/** An event about a record that carries its version: the key is {@code <id>@<version>}, one per change. */
public interface VersionedEvent extends Event {
    String id();

    long version();

    @Override
    default String eventKey() {
        return id() + "@" + version();
    }

    /** One record's versions stay in order. */
    @Override
    default String partitionKey() {
        return id();
    }
}
