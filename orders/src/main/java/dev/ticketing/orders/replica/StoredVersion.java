package dev.ticketing.orders.replica;

/** The replica's version of a ticket and the source it follows. */
record StoredVersion(String source, long version) {
}
