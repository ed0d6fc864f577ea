package dev.ticketing.common.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what a JetStream stream holds, for assertions. */
public final class TestStream {
    private TestStream() {
    }

    /**
     * Payloads under a NATS subject ({@code events.ticket.created}, every partition of it) whose message id
     * starts with the prefix, in stream order.
     */
    public static List<String> payloads(Connection nc, String stream, String natsSubject, String messageIdPrefix)
            throws Exception {
        return messages(nc, stream, natsSubject, messageIdPrefix).stream()
                .map(m -> new String(m.getData(), StandardCharsets.UTF_8)).toList();
    }

    /** The messages under a NATS subject whose message id starts with the prefix, in stream order. */
    public static List<Message> messages(Connection nc, String stream, String natsSubject, String messageIdPrefix)
            throws Exception {
        JetStreamSubscription sub = nc.jetStream().subscribe(natsSubject + ".*", PullSubscribeOptions.builder().stream(stream).build());
        try {
            List<Message> found = new ArrayList<>();
            List<Message> batch;
            do {
                batch = sub.fetch(1000, Duration.ofMillis(300));
                for (Message m : batch) {
                    String id = m.getHeaders().getFirst("Nats-Msg-Id");
                    if (id.startsWith(messageIdPrefix)) found.add(m);
                }
            } while (!batch.isEmpty());
            return found;
        } finally {
            sub.unsubscribe();
        }
    }
}
