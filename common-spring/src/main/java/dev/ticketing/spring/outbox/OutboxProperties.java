package dev.ticketing.spring.outbox;

import dev.ticketing.common.outbox.OutboxOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticketing.outbox.*}: enable the outbox for a service that owns records, and tune its relay.
 * {@code unverified-window}: how long a sent row may still be lost with the broker's host (see
 * {@link OutboxOptions#unverifiedWindow()}).
 */
@ConfigurationProperties("ticketing.outbox")
public record OutboxProperties(boolean enabled, Integer batchSize, Duration pollInterval, Duration retention,
                               Duration purgeInterval, Duration unverifiedWindow) {
    public OutboxOptions toOptions() {
        OutboxOptions d = OutboxOptions.defaults();
        return new OutboxOptions(batchSize != null ? batchSize : d.batchSize(),
                pollInterval != null ? pollInterval : d.pollInterval(), d.publishTimeout(), d.retryBackoff(),
                d.maxRetryBackoff(), retention != null ? retention : d.retention(),
                purgeInterval != null ? purgeInterval : d.purgeInterval(),
                unverifiedWindow != null ? unverifiedWindow : d.unverifiedWindow());
    }
}
