package dev.ticketing.common.deadletter;

import java.time.Instant;

/**
 * One message in the dead-letter stream, as an operator sees it.
 *
 * @param sequence         its sequence in the dead-letter stream: what show and replay name
 * @param consumer         the durable consumer that gave up on it
 * @param originalSubject  the NATS subject it was published on
 * @param originalSequence its sequence in the events stream
 * @param replayedAt       when it was replayed, or null
 */
public record DeadLetter(long sequence, String consumer, String originalSubject, long originalSequence, long deliveries,
                         String error, Instant time, String payload, Instant replayedAt) {
    public boolean replayed() {
        return replayedAt != null;
    }
}
