package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a stream holds at a sequence: the message id stored there, or null when the sequence holds nothing. */
@FunctionalInterface
public interface StreamLookup {
    /** The broker's header that carries a message's id (JetStream deduplicates by it). */
    String MESSAGE_ID_HEADER = "Nats-Msg-Id";
    /** The JetStream API error of a message get for a sequence that holds nothing. */
    int NO_MESSAGE_FOUND = 10037;
    /** The JetStream API error of a node that sees the stream's group without a leader ("temporarily unavailable"). */
    int CLUSTER_NOT_AVAILABLE = 10008;
    /** How long one lookup waits for the stream leader's answer. */
    Duration TIMEOUT = Duration.ofSeconds(2);

    String messageIdAt(long streamSeq) throws IOException;

    /**
     * One message get request per call to {@code stream} on {@code connection}. Every node of a cluster receives
     * the request; only the stream's leader answers with the message, but a node that sees no leader (one that
     * was cut off, catching up after a partition) answers at once with {@link #CLUSTER_NOT_AVAILABLE}
     * (nats-server 2.9's jsMsgGetRequest). So the lookup waits for the leader's answer and takes a "temporarily
     * unavailable" only when no other answer comes.
     */
    static StreamLookup of(Connection connection, String stream) {
        String subject = "$JS.API.STREAM.MSG.GET." + stream;
        return seq -> {
            MessageInfo info = leaderAnswer(connection, subject, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
            if (!info.hasError()) return info.getHeaders() == null ? null : info.getHeaders().getFirst(MESSAGE_ID_HEADER);
            if (info.getApiErrorCode() == NO_MESSAGE_FOUND) return null;
            throw new IOException("message get " + stream + "/" + seq + ": " + info.getError());
        };
    }

    private static MessageInfo leaderAnswer(Connection connection, String subject, byte[] body) throws IOException {
        Subscription answers = connection.subscribe(connection.createInbox());
        try {
            connection.publish(subject, answers.getSubject(), body);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            MessageInfo unavailable = null;
            for (long left = TIMEOUT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Message m = answers.nextMessage(Duration.ofNanos(left));
                if (m == null) break;
                MessageInfo info = new MessageInfo(m);
                if (!info.hasError() || info.getApiErrorCode() != CLUSTER_NOT_AVAILABLE) return info;
                unavailable = info;
            }
            if (unavailable != null) return unavailable;
            throw new IOException("no answer to " + subject + " within " + TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + subject, e);
        } finally {
            answers.unsubscribe();
        }
    }
}
