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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the lease view dates the heartbeats it finds when it starts, against a real nats-server. */
@ExtendWith(EngineExtension.class)
class LeaseViewTest {
    private static final Duration TTL = Duration.ofSeconds(1);

    @Test
    void aFirstViewDatesOldHeartbeatsByTheBrokerAViewAfterAnOutageOnArrival(TestEngine engine) throws Exception {
        try (Connection nc = Nats.connect(engine.natsUrl())) {
            KeyValue kv = Buckets.ensure(nc, KeyValueConfiguration.builder().name("LEASEVIEW_" + System.nanoTime())
                    .storageType(StorageType.Memory).build());
            kv.put(PartitionLeases.memberKey("quiet"), "orders-service_ticket-updated");
            Thread.sleep(TTL.multipliedBy(2).toMillis());

            try (LeaseView first = new LeaseView(kv, TTL, false); LeaseView afterOutage = new LeaseView(kv, TTL, true)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> first.caughtUpFor().compareTo(Duration.ZERO) > 0
                        && afterOutage.caughtUpFor().compareTo(Duration.ZERO) > 0);
                assertThat(first.silentFor("quiet", TTL)).as("a member dead before this process started").isTrue();
                assertThat(afterOutage.silentFor("quiet", TTL))
                        .as("no member could renew during the outage: each gets a ttl from now").isFalse();
                assertThat(afterOutage.liveMembersRunning("orders-service_ticket-updated", "me")).contains("quiet");
            }
        }
    }
}
