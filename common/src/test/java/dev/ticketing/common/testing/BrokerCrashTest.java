package dev.ticketing.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The host-crash fault of the engine script: what the broker acked after the snapshot is gone once the
 * node is crashed (kill -9, the snapshot put back as its store) and started again. On an engine of its own,
 * as the crash rolls the broker back.
 */
class BrokerCrashTest {
    @Test
    void aCrashedBrokerComesBackWithoutWhatItAckedAfterTheSnapshot() throws Exception {
        try (TestEngine engine = TestEngine.start()) {
            publish(engine, 100, true);
            engine.snapshotNatsNode(1);
            assertThat(publish(engine, 50, false)).isEqualTo(150); // acked, and written to the OS
            engine.crashNatsNode(1);
            engine.startNatsNode(1);
            assertThat(lastSequence(engine)).isEqualTo(100);
            assertThat(publish(engine, 1, false)).isEqualTo(101); // the lost sequence numbers are given out again
        }
    }

    /** Publishes n messages (creating the stream first when asked) and returns the stream's last sequence. */
    private static long publish(TestEngine engine, int n, boolean create) throws Exception {
        try (Connection nc = Nats.connect(engine.natsUrl())) {
            if (create) {
                nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("CRASH").subjects("crash.>")
                        .storageType(StorageType.File).build());
            }
            JetStream js = nc.jetStream();
            for (int i = 0; i < n; i++) js.publish("crash.test", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        return lastSequence(engine);
    }

    private static long lastSequence(TestEngine engine) throws Exception {
        try (Connection nc = Nats.connect(engine.natsUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            return jsm.getStreamInfo("CRASH").getStreamState().getLastSequence();
        }
    }
}
