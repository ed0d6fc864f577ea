package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the lease view judges who is live and what it holds, against a real nats-server's bucket. */
@ExtendWith(EngineExtension.class)
class LeaseViewTest {
    private static final Duration TTL = Duration.ofMillis(600);
    private static final String DURABLE = "orders-service_ticket-updated";

    @Test
    void aMemberNeverHeardCountsAsHeardWhenTheViewStartedAndOneHeardIsLiveForATtl(TestEngine engine) throws Exception {
        try (Connection nc = Nats.connect(engine.natsUrl())) {
            KeyValue kv = Buckets.ensure(nc, KeyValueConfiguration.builder().name("LEASEVIEW_" + System.nanoTime())
                    .storageType(StorageType.Memory).build());
            long revision = kv.put(PartitionLeases.partitionKey(DURABLE, 3), "holder");
            try (LeaseView view = new LeaseView(kv, 0)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> view.get(PartitionLeases.partitionKey(DURABLE, 3)) != null);
                assertThat(view.get(PartitionLeases.partitionKey(DURABLE, 3))).isEqualTo(new LeaseView.Seen("holder", revision));
                assertThat(view.highestRevision()).as("what the watch brought").isEqualTo(revision);
                assertThat(view.silentFor("holder", TTL)).as("not silent before the view listened a ttl").isFalse();

                view.heard("other", 1, Set.of(DURABLE));
                view.heard("elsewhere", 1, Set.of("payments-service_order-created"));
                assertThat(view.liveMembersRunning(DURABLE, "me", TTL)).containsExactly("me", "other");
                assertThat(view.heardOwn("me", 1)).isFalse();
                view.heard("me", 1, Set.of(DURABLE));
                assertThat(view.heardOwn("me", 1)).isTrue();

                await().atMost(Duration.ofSeconds(5)).until(() -> view.silentFor("holder", TTL));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(view.liveMembersRunning(DURABLE, "me", TTL)).as("other silent for a ttl").containsExactly("me"));
                assertThat(view.currentFor()).isGreaterThanOrEqualTo(TTL);
            }
        }
    }
}
