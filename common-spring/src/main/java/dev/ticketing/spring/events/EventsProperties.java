package dev.ticketing.spring.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ticketing.events.*}: where the broker is and how listeners consume. */
@ConfigurationProperties("ticketing.events")
public record EventsProperties(String natsUrl, String connectionName, Duration ackWait, Integer maxFailures,
                               Integer batchSize, Integer workers) {
    public EventsProperties {
        if (natsUrl == null) natsUrl = "nats://127.0.0.1:4222";
        if (ackWait == null) ackWait = Duration.ofSeconds(10);
        if (maxFailures == null) maxFailures = 8;
        if (batchSize == null) batchSize = 25;
        if (workers == null) workers = 1;
    }
}
