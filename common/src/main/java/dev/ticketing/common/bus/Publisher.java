package dev.ticketing.common.bus;

import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes events to JetStream with the event's message id as {@code Nats-Msg-Id}, so the broker drops
 * a re-publish of the same change inside its duplicate window, and its correlation id, if any, as the
 * {@link CorrelationId#HEADER} header.
 *
 * <p>After a (re)connection it publishes only once the bus has checked the stream's consumers
 * ({@link ConsumerRewind}): a message published before would take a sequence number the broker lost with a
 * crash of its host, one that a consumer past the stream's end skips.
 */
public final class Publisher {
    /** How long {@link #publishAsync} waits for the consumers' check after a reconnection before failing. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(2);

    /** Whether the bus may publish to the stream now, waiting at most so long for it. */
    interface Gate {
        Gate OPEN = atMost -> true;

        boolean await(Duration atMost);
    }

    private final JetStream js;
    private final EventBusConfig config;
    private final Gate positionsChecked;

    Publisher(JetStream js, EventBusConfig config, Gate positionsChecked) {
        this.js = js;
        this.config = config;
        this.positionsChecked = positionsChecked;
    }

    /**
     * One attempt without waiting for the ack: for a relay that keeps a window of publishes in flight. Right
     * after a reconnection it may wait briefly for the consumers' check; the answer fails if it takes longer.
     */
    public CompletableFuture<PublishAck> publishAsync(OutgoingMessage message) {
        if (!positionsChecked.await(CHECK_WAIT)) return CompletableFuture.failedFuture(notChecked());
        return js.publishAsync(natsSubject(message), headers(message), message.payload(), options(message));
    }

    static IOException notChecked() {
        return new IOException("not connected, or the stream's consumers not checked since the broker came back");
    }

    private String natsSubject(OutgoingMessage message) {
        return message.natsSubject(config.subjectPrefix(), config.partitions());
    }

    /** The correlation id is the one header of an event (the message id travels in the publish options). */
    private static Headers headers(OutgoingMessage message) {
        return message.correlationId() == null ? null : CorrelationId.addTo(new Headers(), message.correlationId());
    }

    private PublishOptions options(OutgoingMessage message) {
        return PublishOptions.builder().messageId(message.messageId()).expectedStream(config.stream()).build();
    }
}
