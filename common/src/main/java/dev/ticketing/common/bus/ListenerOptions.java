package dev.ticketing.common.bus;

import java.time.Duration;

/**
 * How a listener consumes.
 *
 * @param ackWait             how long the broker waits for an ack before it redelivers (a crashed replica);
 *                            a message in hand or queued longer than a quarter of it is kept with in-progress acks
 * @param maxFailures         handler failures (exceptions) of one message before it is dead-lettered
 * @param failureBackoff      NAK delay after the first failure; doubles per failure up to {@code maxBackoff}
 * @param notYetDelay         NAK delay after the first NOT_YET; doubles per delivery up to {@code maxNotYetDelay}
 * @param maxBackoff          upper bound of the failure delay
 * @param maxNotYetDelay      upper bound of the NOT_YET delay: low, because what a NOT_YET waits for is
 *                            already on its way (a chain of one record's versions must not crawl)
 * @param maxNotYetDeliveries deliveries after which a message still NOT_YET is dead-lettered (a gap that
 *                            never fills must not cycle forever)
 * @param batchSize           the most messages handled together in one {@link BatchScope}
 * @param workers             threads handling this listener's messages in this process
 * @param drainTimeout        how long a graceful stop waits for the message in hand
 * @param pullExpiry          how long one pull request lives at the broker; each partition consumer held
 *                            sends one pull per expiry and gets an idle heartbeat at half of it. The pulls
 *                            are made afresh when the broker is back or leaders changed
 *                            ({@link BrokerEvents}); three missed heartbeats are the backstop
 */
public record ListenerOptions(Duration ackWait, int maxFailures, Duration failureBackoff, Duration notYetDelay,
                              Duration maxBackoff, Duration maxNotYetDelay, long maxNotYetDeliveries, int batchSize, int workers,
                              Duration drainTimeout, Duration pullExpiry) {
    public ListenerOptions {
        if (maxFailures < 1 || batchSize < 1 || workers < 1 || maxNotYetDeliveries < 1) {
            throw new IllegalArgumentException("maxFailures, batchSize, workers and maxNotYetDeliveries must be >= 1");
        }
    }

    public static ListenerOptions defaults() {
        return new ListenerOptions(Duration.ofSeconds(1), 8, Duration.ofMillis(100), Duration.ofMillis(20),
                Duration.ofSeconds(2), Duration.ofMillis(250), 2400, 50, 1, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    public ListenerOptions withAckWait(Duration d) {
        return new ListenerOptions(d, maxFailures, failureBackoff, notYetDelay, maxBackoff, maxNotYetDelay, maxNotYetDeliveries,
                batchSize, workers, drainTimeout, pullExpiry);
    }

    public ListenerOptions withMaxFailures(int n) {
        return new ListenerOptions(ackWait, n, failureBackoff, notYetDelay, maxBackoff, maxNotYetDelay, maxNotYetDeliveries,
                batchSize, workers, drainTimeout, pullExpiry);
    }

    public ListenerOptions withDelays(Duration failure, Duration notYet, Duration max) {
        return new ListenerOptions(ackWait, maxFailures, failure, notYet, max, max, maxNotYetDeliveries, batchSize,
                workers, drainTimeout, pullExpiry);
    }

    public ListenerOptions withBatch(int size, int workerCount) {
        return new ListenerOptions(ackWait, maxFailures, failureBackoff, notYetDelay, maxBackoff, maxNotYetDelay,
                maxNotYetDeliveries, size, workerCount, drainTimeout, pullExpiry);
    }

    /** NAK delay after the n-th failure: failureBackoff * 2^(n-1), at most maxBackoff. */
    Duration failureDelay(long n) {
        return Backoff.delay(failureBackoff, n, maxBackoff);
    }

    /** NAK delay after the n-th delivery answered NOT_YET: notYetDelay * 2^(n-1), at most maxNotYetDelay. */
    Duration notYetDelay(long n) {
        return Backoff.delay(notYetDelay, n, maxNotYetDelay);
    }
}
