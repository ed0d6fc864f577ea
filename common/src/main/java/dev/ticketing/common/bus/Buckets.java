package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import java.io.IOException;

/** JetStream key-value buckets the library keeps. */
public final class Buckets {
    private Buckets() {
    }

    /** The bucket, created with this configuration if it does not exist; several processes may race to create it. */
    public static KeyValue ensure(Connection connection, KeyValueConfiguration config) throws IOException, JetStreamApiException {
        KeyValueManagement kvm = connection.keyValueManagement();
        String bucket = config.getBucketName();
        if (!kvm.getBucketNames().contains(bucket)) {
            try {
                kvm.create(config);
            } catch (JetStreamApiException e) {
                if (!kvm.getBucketNames().contains(bucket)) throw e; // else another process made it meanwhile
            }
        }
        return connection.keyValue(bucket);
    }
}
