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
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the lease view dates the heartbeats it finds when it starts, against a real nats-server. */
@ExtendWith(EngineExtension.class)
class LeaseViewTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final String DURABLE = "orders-service_ticket-updated";

    /** Writes a member's heartbeat and returns when the broker stored it, by the broker's clock. */
    private static Instant written(KeyValue kv, String member, String value) throws Exception {
        long revision = kv.put(PartitionLeases.memberKey(member), value);
        return kv.get(PartitionLeases.memberKey(member), revision).getCreated().toInstant();
    }

    @Test
    void aFirstViewDatesHeartbeatsByTheBrokerAViewAfterAnOutageAsOfTheOutagesStart(TestEngine engine) throws Exception {
        try (Connection nc = Nats.connect(engine.natsUrl())) {
            KeyValue kv = Buckets.ensure(nc, KeyValueConfiguration.builder().name("LEASEVIEW_" + System.nanoTime())
                    .storageType(StorageType.Memory).build());
            kv.put(PartitionLeases.memberKey("dead"), DURABLE);
            Thread.sleep(TTL.multipliedBy(2).toMillis());
            Instant outageBegan = written(kv, "cut-off", DURABLE); // its last renewal before the outage
            Thread.sleep(TTL.multipliedBy(2).toMillis()); // the "outage": nobody renews
            Instant now = written(kv, "me", DURABLE);

            try (LeaseView first = new LeaseView(kv, TTL, now); LeaseView afterOutage = new LeaseView(kv, TTL, outageBegan)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> first.caughtUpFor().compareTo(Duration.ZERO) > 0
                        && afterOutage.caughtUpFor().compareTo(Duration.ZERO) > 0);
                assertThat(first.silentFor("dead", TTL)).isTrue();
                assertThat(first.silentFor("cut-off", TTL)).isTrue();
                assertThat(afterOutage.silentFor("dead", TTL)).as("silent for a ttl before the outage").isTrue();
                assertThat(afterOutage.silentFor("cut-off", TTL)).as("renewed until the outage").isFalse();
                assertThat(afterOutage.liveMembersRunning(DURABLE, "me")).containsExactly("cut-off", "me");
                assertThat(first.silentFor("me", TTL)).isFalse();
            }
        }
    }
}
