package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What a stream holds at a sequence: the message id stored there, or null when the sequence holds nothing. */
@FunctionalInterface
public interface StreamLookup {
    /** The broker's header that carries a message's id (JetStream deduplicates by it). */
    String MESSAGE_ID_HEADER = "Nats-Msg-Id";
    /** The JetStream API error of a message get for a sequence that holds nothing. */
    int NO_MESSAGE_FOUND = 10037;

    String messageIdAt(long streamSeq) throws IOException;

    /** One message get request per call to {@code stream} on {@code connection}. */
    static StreamLookup of(Connection connection, String stream) {
        try {
            return of(connection.jetStreamManagement(), stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StreamLookup of(JetStreamManagement jsm, String stream) {
        return seq -> {
            try {
                MessageInfo info = jsm.getMessage(stream, seq);
                return info.getHeaders() == null ? null : info.getHeaders().getFirst(MESSAGE_ID_HEADER);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == NO_MESSAGE_FOUND) return null;
                throw new IOException("message get " + stream + "/" + seq + ": " + e.getMessage(), e);
            }
        };
    }
}
