package dev.ticketing.common.bus;

/**
 * The broker's view of a queue group's consumer, summed over its partitions.
 *
 * @param pending    messages not yet delivered
 * @param ackPending messages delivered and not yet acknowledged
 */
public record ConsumerBacklog(long pending, long ackPending) {
}
