package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.HostsEngineExtension;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestHosts;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox and a listener across hosts: broker nodes n1-n3 on hosts 1-3, PostgreSQL on host 4, this JVM on
 * host 0. Each test cuts links, writes on, heals, and checks that every committed event reached the stream and
 * the listener.
 */
@ExtendWith(HostsEngineExtension.class)
class PartitionTest {
    private static TestEngine engine;
    private static TestHosts hosts;

    @BeforeAll
    static void useEngine(TestEngine hostsEngine, TestHosts testHosts) {
        engine = hostsEngine;
        hosts = testHosts;
    }

    @AfterEach
    void heal() {
        hosts.heal();
    }

    private static EventBusConfig config(String url, String namespace) {
        return EventBusConfig.defaults(url, namespace + "-test").withNamespace(namespace).withReplicas(3);
    }

    /**
     * n1's host is cut off from the other two while the relay, connected to n2 and n3, goes on publishing; a
     * listener connected to n1 alone gets nothing new meanwhile, and everything after the heal.
     */
    @Test
    void aNodeCutOffFromTheOtherTwoCatchesUpAfterTheHeal() throws Exception {
        String majority = engine.natsUrl(2) + "," + engine.natsUrl(3);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try (HikariDataSource db = engine.freshDatabase("partition_node", 4);
             EventBus minoritySide = EventBus.connect(config(engine.natsUrl(1), "partnode"));
             EventBus majoritySide = EventBus.connect(config(majority, "partnode"));
             OutboxRelay relay = relay(db, majoritySide)) {
            minoritySide.listen(Listener.of(Subjects.TICKET_UPDATED, "partnode-group", e -> {
                seen.add(e.version());
                return Outcome.APPLIED;
            }), ListenerOptions.defaults());
            TicketUpdateRows.add(db, 0, 50);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 50);

            hosts.isolate(1, 2, 3);
            TicketUpdateRows.add(db, 50, 250);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(db)).isZero());
            assertThat(seen).as("n1 alone delivers nothing it did not have").hasSize(50);

            long healedAt = System.nanoTime();
            hosts.heal();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 250);
            System.out.printf("partition: n1 isolated, 200 events published meanwhile; its listener held all %d %d ms after the heal%n",
                    seen.size(), (System.nanoTime() - healedAt) / 1_000_000);
        }
    }

    /** This JVM (the publishing service's host) cut off from every broker node, not from PostgreSQL, while it commits. */
    @Test
    void aServiceCutOffFromTheBrokerKeepsItsOutboxAndPublishesAfterTheHeal() throws Exception {
        EventBusConfig config = config(engine.natsUrl(), "partsvc");
        try (HikariDataSource db = engine.freshDatabase("partition_service", 4);
             EventBus bus = EventBus.connect(config);
             OutboxRelay relay = relay(db, bus)) {
            TicketUpdateRows.add(db, 0, 50);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(db)).isZero());

            for (int node = 1; node <= 3; node++) hosts.cut(node, 0);
            TicketUpdateRows.add(db, 50, 250);
            Thread.sleep(3_000);
            assertThat(TicketUpdateRows.pending(db)).as("nothing reaches the broker, the outbox keeps it").isEqualTo(200);

            hosts.heal();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(db)).isZero());
            StreamLookup stream = StreamLookup.of(bus.connection(), config.stream());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                for (int v = 0; v < 250; v++) assertThat(stream.messageIdAt(v + 1)).isEqualTo("ticket:updated/t@" + v);
            });
        }
    }

    private static OutboxRelay relay(HikariDataSource db, EventBus bus) {
        OutboxSchema.migrate(db);
        OutboxRelay relay = new OutboxRelay(db, bus.publisher(), StreamLookup.of(bus.connection(), bus.config().stream()),
                OutboxOptions.defaults());
        relay.watch(bus);
        relay.start();
        return relay;
    }
}
