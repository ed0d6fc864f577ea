package dev.ticketing.common.bus;

import dev.ticketing.common.events.Partitions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events stream and the dead-letter stream, made or updated idempotently. The events stream records its
 * partition count in its description; a stream that exists keeps its count, whatever this process was
 * configured with, so that publishers and consumers always agree on it.
 */
final class Streams {
    private static final Logger log = LoggerFactory.getLogger(Streams.class);
    private static final Pattern RECORDED = Pattern.compile("partitions=(\\d+)");

    private Streams() {
    }

    /** Ensures both streams; answers the config with the events stream's partition count. */
    static EventBusConfig ensure(JetStreamManagement jsm, EventBusConfig config) throws IOException, JetStreamApiException {
        int partitions = ensureEvents(jsm, config);
        ensure(jsm, StreamConfiguration.builder()
                .name(config.deadLetterStream())
                .subjects(config.deadLetterPrefix() + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .duplicateWindow(config.duplicateWindow())
                .replicas(config.replicas())
                .build());
        if (partitions == config.partitions()) return config;
        log.warn("stream {} has {} partitions; this process was configured with {} and uses {}", config.stream(),
                partitions, config.partitions(), partitions);
        return config.withPartitions(partitions);
    }

    static int recordedPartitions(String description) {
        Matcher m = RECORDED.matcher(description == null ? "" : description);
        return m.find() ? Integer.parseInt(m.group(1)) : Partitions.UNRECORDED_COUNT;
    }

    private static int ensureEvents(JetStreamManagement jsm, EventBusConfig config) throws IOException, JetStreamApiException {
        int partitions;
        try {
            partitions = recordedPartitions(jsm.getStreamInfo(config.stream()).getConfiguration().getDescription());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) throw e;
            partitions = config.partitions();
        }
        ensure(jsm, StreamConfiguration.builder()
                .name(config.stream())
                .description("ticketing events, partitions=" + partitions)
                .subjects(config.subjectPrefix() + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .duplicateWindow(config.duplicateWindow())
                .maxAge(config.maxAge())
                .replicas(config.replicas())
                .build());
        return partitions;
    }

    /** Add, or update when it exists; processes starting at once may race, and the caller retries then. */
    private static void ensure(JetStreamManagement jsm, StreamConfiguration sc) throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(sc.getName());
            jsm.updateStream(sc);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) throw e;
            jsm.addStream(sc);
        }
    }
}
