package dev.ticketing.common.testing;

import dev.ticketing.common.bus.Backoff;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes an event straight to the stream, as a test's stand-in for another service, and waits for the ack.
 * Services publish through the outbox relay; a test may publish through a broker restart, so a failed attempt
 * is tried again (the message id dedups) until the bus's publish timeout.
 */
public final class TestPublisher {
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private TestPublisher() {
    }

    public static <E extends Event> PublishAck publish(EventBus bus, Subject<E> subject, E event) {
        return publish(bus, OutgoingMessage.of(subject, event));
    }

    public static PublishAck publish(EventBus bus, OutgoingMessage message) {
        long deadline = System.nanoTime() + bus.config().publishTimeout().toNanos();
        Duration pause = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                return bus.publisher().publishAsync(message).get(bus.config().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new IllegalStateException("publish of " + message.messageId() + " failed after " + attempt
                            + " attempt(s): " + e, e);
                }
                sleep(pause);
                pause = Backoff.next(pause, MAX_RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a publish", ie);
        }
    }
}
