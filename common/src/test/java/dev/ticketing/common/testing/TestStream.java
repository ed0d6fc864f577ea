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
        JetStreamSubscription sub = nc.jetStream().subscribe(natsSubject + ".*", PullSubscribeOptions.builder().stream(stream).build());
        try {
            List<String> payloads = new ArrayList<>();
            List<Message> batch;
            do {
                batch = sub.fetch(1000, Duration.ofMillis(300));
                for (Message m : batch) {
                    String id = m.getHeaders().getFirst("Nats-Msg-Id");
                    if (id.startsWith(messageIdPrefix)) payloads.add(new String(m.getData(), StandardCharsets.UTF_8));
                }
            } while (!batch.isEmpty());
            return payloads;
        } finally {
            sub.unsubscribe();
        }
    }
}
