package dev.ticketing.spring.deadletter;

import dev.ticketing.common.deadletter.DeadLetter;
import dev.ticketing.common.deadletter.DeadLetterAdmin;
import dev.ticketing.common.bus.EventBus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import io.nats.client.JetStreamApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The operators' view of the dead letters, on the management side (/actuator/deadletters, loopback only,
 * never behind the gateway): {@code GET} counts per consumer and the dead letters (of one consumer with
 * {@code ?consumer=}); {@code GET /{sequence}} one; {@code POST /{sequence}} replays it; {@code POST} with
 * {@code {"consumer": ...}} replays every one of that consumer not replayed yet.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {
    private final EventBus bus;
    private volatile DeadLetterAdmin admin;

    public DeadLettersEndpoint(EventBus bus) {
        this.bus = bus;
    }

    public record Listing(Map<String, DeadLetterAdmin.Count> consumers, List<DeadLetter> deadLetters) {
    }

    @ReadOperation
    public Listing list(@Nullable String consumer) throws IOException, JetStreamApiException {
        return new Listing(admin().counts(), admin().list(consumer));
    }

    @ReadOperation
    public @Nullable DeadLetter show(@Selector long sequence) throws IOException, JetStreamApiException {
        return admin().show(sequence).orElse(null);
    }

    @WriteOperation
    public @Nullable DeadLetter replay(@Selector long sequence) throws IOException, JetStreamApiException {
        return admin().replay(sequence).orElse(null);
    }

    @WriteOperation
    public List<DeadLetter> replayAll(String consumer) throws IOException, JetStreamApiException {
        return admin().replayAll(consumer);
    }

    /** Made on first use: the key-value bucket of replays is created only when someone looks. */
    private DeadLetterAdmin admin() throws IOException, JetStreamApiException {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) admin = new DeadLetterAdmin(bus.connection(), bus.config());
            }
        }
        return admin;
    }
}
