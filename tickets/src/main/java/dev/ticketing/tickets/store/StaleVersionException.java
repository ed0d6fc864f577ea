package dev.ticketing.tickets.store;

import java.util.UUID;

/** The ticket changed since it was read: the save lost an optimistic-concurrency race. */
public class StaleVersionException extends RuntimeException {
    public StaleVersionException(UUID id, long versionRead) {
        super("ticket " + id + " was changed by someone else since version " + versionRead);
    }
}
