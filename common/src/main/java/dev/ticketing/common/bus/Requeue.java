package dev.ticketing.common.bus;

import dev.ticketing.common.correlation.CorrelationId;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;

/**
 * Puts a message that cannot be applied yet at the back of its partition. A partition hands out a window
 * of messages at a time, so NOT_YETs that wait for a message behind them in the same partition (a version
 * that overtook its predecessor, e.g. when the relay re-published after a broker outage) could otherwise
 * fill the window and hold the partition forever. The copy has a message id of its own, so the broker keeps it; the
 * original is acked only after the copy is stored, and the copy is kept until the broker has surely synced it
 * ({@link UnsyncedCopies}). A copy handled twice is a duplicate to the version rule.
 * The copy keeps the original's correlation id.
 */
final class Requeue {
    static final String COUNT = "Ticketing-Requeues";

    private final UnsyncedCopies copies;
    private final EventBusConfig config;
    private final Publisher.Gate positionsChecked;

    /** {@code positionsChecked}: false while a copy must not be published yet (see {@link Publisher}); the original is then NAKed. */
    Requeue(UnsyncedCopies copies, EventBusConfig config, Publisher.Gate positionsChecked) {
        this.copies = copies;
        this.config = config;
        this.positionsChecked = positionsChecked;
    }

    void toBack(Message m, Delivery delivery) throws IOException, JetStreamApiException {
        if (!positionsChecked.await(Duration.ZERO)) throw Publisher.notChecked();
        int n = count(m) + 1;
        Headers headers = CorrelationId.copy(m.getHeaders(), new Headers().put(COUNT, Integer.toString(n)));
        copies.publish(config.stream(), m.getSubject(), headers, m.getData(),
                delivery.messageId() + "~" + delivery.streamSequence() + "." + n);
        m.ack();
    }

    /** How often the message was moved to the back already. */
    static int count(Message m) {
        String n = m.hasHeaders() ? m.getHeaders().getFirst(COUNT) : null;
        return n == null ? 0 : Integer.parseInt(n);
    }
}
