package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.testing.ClusterEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data-centre power cut: the three hosts of a 3-node broker crash at once, and every node comes back
 * with the disk it had when all three were frozen. Replication to three nodes does not help here: none of
 * them had synced the tail.
 */
@ExtendWith(ClusterEngineExtension.class)
class OutboxRelayPowerCutTest {
    @Test
    void whatAllThreeNodesLostIsPublishedAgain(TestEngine engine) throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "outbox-power-cut-test")
                .withNamespace("powercut").withReplicas(3);
        OutboxRelayHostCrashTest.crashLosesNothing(engine, config, engine::snapshotNats, () -> {
            engine.crashNats();
            engine.startNats();
        });
    }
}
