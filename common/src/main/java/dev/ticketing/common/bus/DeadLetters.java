package dev.ticketing.common.bus;

import dev.ticketing.common.correlation.CorrelationId;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;

/**
 * Moves a message that cannot be handled to the dead-letter stream, under
 * {@code <deadLetterPrefix>.<durable>}, with the original subject, sequence, delivery count and error in
 * headers (and its correlation id, if any) and the original payload as the body. The dead letter is kept until
 * the broker has surely synced it ({@link UnsyncedCopies}).
 */
public final class DeadLetters {
    public static final String ORIGINAL_SUBJECT = "Ticketing-Original-Subject";
    public static final String ORIGINAL_SEQUENCE = "Ticketing-Original-Sequence";
    public static final String DELIVERIES = "Ticketing-Deliveries";
    public static final String ERROR = "Ticketing-Error";

    private final UnsyncedCopies copies;
    private final EventBusConfig config;

    DeadLetters(UnsyncedCopies copies, EventBusConfig config) {
        this.copies = copies;
        this.config = config;
    }

    public String subjectFor(String durable) {
        return config.deadLetterPrefix() + "." + durable;
    }

    void send(String durable, Message message, Delivery delivery, String error) throws IOException, JetStreamApiException {
        Headers headers = new Headers()
                .add(ORIGINAL_SUBJECT, message.getSubject())
                .add(ORIGINAL_SEQUENCE, Long.toString(delivery.streamSequence()))
                .add(DELIVERIES, Long.toString(delivery.deliveredCount()))
                .add(ERROR, headerSafe(error));
        CorrelationId.copy(message.getHeaders(), headers);
        copies.publish(config.deadLetterStream(), subjectFor(durable), headers, message.getData(), messageId(durable, delivery));
    }

    /**
     * One dead letter per consumer and stored message, so a redelivery is dropped by the broker. The stream
     * sequence alone would not do: after a crash of the broker's host the stream hands out the sequences it
     * lost again, and a new message dead-lettered under a reused one would be taken for the old one's copy.
     */
    static String messageId(String durable, Delivery delivery) {
        return "dead/" + durable + "/" + delivery.streamSequence() + "/" + delivery.messageId();
    }

    private static String headerSafe(String text) {
        String oneLine = text == null ? "unknown" : text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 1000 ? oneLine.substring(0, 1000) : oneLine;
    }
}
