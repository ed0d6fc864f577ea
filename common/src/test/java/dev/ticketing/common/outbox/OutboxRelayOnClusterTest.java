package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.testing.ClusterEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay on a 3-node broker whose stream leader is killed (kill -9). This process's connection may stay
 * up meanwhile, so no reconnection tells the relay when publishing works again; the stream's leader
 * election does.
 */
@ExtendWith(ClusterEngineExtension.class)
class OutboxRelayOnClusterTest {
    @Test
    void aRelayPausedWhileTheStreamHasNoLeaderPublishesOnceANewOneIsElected(TestEngine engine) throws Exception {
        Duration longPause = Duration.ofSeconds(120);
        OutboxOptions options = OutboxOptions.defaults().withPublishTimeout(longPause).withRetryBackoff(longPause, longPause);
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "relay-cluster-test").withNamespace("relaycluster")
                .withReplicas(3);
        try (HikariDataSource dataSource = engine.freshDatabase("outbox_cluster_test", 4);
             EventBus bus = EventBus.connect(config);
             OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(),
                     StreamLookup.of(bus.connection(), config.stream()), options)) {
            OutboxSchema.migrate(dataSource);
            relay.watch(bus);
            relay.start();
            String leader = bus.connection().jetStreamManagement().getStreamInfo(config.stream()).getClusterInfo().getLeader();
            int killed = TestEngine.nodeOf(leader);
            engine.killNatsNode(killed);
            try {
                for (int i = 0; i < 10; i++) emit(dataSource, "leaderless-" + i);
                relay.wake(); // as TransactionalOutbox does after a commit
                await().atMost(Duration.ofSeconds(30)).until(() -> relay.failedBatches() > 0);
                // Without the election's advisory the relay would wait out its 2-minute publish timeout or pause.
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(OutboxBacklog.read(dataSource).pending()).isZero());
            } finally {
                engine.startNatsNode(killed);
            }
            assertThat(bus.connection().jetStreamManagement().getStreamInfo(config.stream()).getStreamState().getMsgCount())
                    .isEqualTo(10);
        }
    }

    private static void emit(HikariDataSource dataSource, String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            OutboxWriter.add(c, Subjects.TICKET_UPDATED, new TicketUpdatedEvent(id, 1, "t", new BigDecimal("10"), "u", null));
            c.commit();
        }
    }
}
