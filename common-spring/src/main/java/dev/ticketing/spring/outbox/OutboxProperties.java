package dev.ticketing.spring.outbox;

import dev.ticketing.common.outbox.OutboxOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ticketing.outbox.*}: enable the outbox for a service that owns records, and tune its relay. */
@ConfigurationProperties("ticketing.outbox")
public record OutboxProperties(boolean enabled, Integer batchSize, Duration pollInterval, Duration retention,
                               Duration purgeInterval) {
    public OutboxOptions toOptions() {
        OutboxOptions d = OutboxOptions.defaults();
        return new OutboxOptions(batchSize != null ? batchSize : d.batchSize(),
                pollInterval != null ? pollInterval : d.pollInterval(), d.publishTimeout(), d.retryBackoff(),
                d.maxRetryBackoff(), retention != null ? retention : d.retention(),
                purgeInterval != null ? purgeInterval : d.purgeInterval());
    }
}
