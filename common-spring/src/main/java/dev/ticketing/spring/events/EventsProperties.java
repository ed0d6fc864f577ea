package dev.ticketing.spring.events;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.ListenerOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticketing.events.*}: where the broker is and how listeners consume. The NATS URL (one server, or the
 * comma-separated nodes of a cluster) and the stream replicas come with the service defaults; a listener setting
 * that is not set keeps the library's default.
 */
@ConfigurationProperties("ticketing.events")
public record EventsProperties(String natsUrl, String connectionName, Duration ackWait, Integer maxFailures,
                               Integer batchSize, Integer workers, Integer replicas, Integer partitions) {
    /**
     * The bus of a service: the system's streams, kept on {@code replicas} broker nodes (1 when unset), and the
     * partition count of an events stream this service makes (an existing stream keeps its own).
     */
    public EventBusConfig toBusConfig(String defaultConnectionName) {
        EventBusConfig config = EventBusConfig.defaults(natsUrl, connectionName != null ? connectionName : defaultConnectionName);
        if (partitions != null) config = config.withPartitions(partitions);
        return replicas != null ? config.withReplicas(replicas) : config;
    }

    public ListenerOptions toListenerOptions() {
        ListenerOptions options = ListenerOptions.defaults();
        if (ackWait != null) options = options.withAckWait(ackWait);
        if (maxFailures != null) options = options.withMaxFailures(maxFailures);
        return options.withBatch(batchSize != null ? batchSize : options.batchSize(),
                workers != null ? workers : options.workers());
    }
}
