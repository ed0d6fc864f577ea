package dev.ticketing.common.bus;

import java.time.Instant;

/** Broker facts about one delivery of a message. */
public record Delivery(String subjectName, String messageId, long streamSequence, long deliveredCount,
                       Instant storedAt) {
}
