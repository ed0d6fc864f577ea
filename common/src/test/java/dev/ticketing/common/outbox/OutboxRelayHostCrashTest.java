package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A crash of the broker's host: it comes back without what it acknowledged after its disk's last state
 * (the store copied while it was frozen, put back after a kill -9). On an engine of its own.
 */
class OutboxRelayHostCrashTest {
    @Test
    void whatTheBrokerLostIsPublishedAgainInOutboxOrder() throws Exception {
        try (TestEngine engine = TestEngine.start()) {
            crashLosesNothing(engine, EventBusConfig.defaults(engine.natsUrl(), "outbox-crash-test"),
                    () -> engine.snapshotNatsNode(1), () -> {
                        engine.crashNatsNode(1);
                        engine.startNatsNode(1);
                    });
        }
    }

    /**
     * 200 events sent before the broker's disk state is taken ({@code snapshot}), 300 after it; the broker
     * then crashes back to that state ({@code crash}). The stream must end with all 500, in outbox order.
     * The relay never polls here: it is woken after each commit, as services wake it, and after the crash
     * only the broker's return can make it look again.
     */
    static void crashLosesNothing(TestEngine engine, EventBusConfig config, Runnable snapshot, Runnable crash) throws Exception {
        try (HikariDataSource dataSource = engine.freshDatabase("outbox_crash_test", 4);
             EventBus bus = EventBus.connect(config);
             OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(),
                     StreamLookup.of(bus.connection(), config.stream()), withoutPoll(OutboxOptions.defaults()))) {
            OutboxSchema.migrate(dataSource);
            relay.watch(bus);
            relay.start();
            TicketUpdateRows.add(dataSource, 0, 200);
            relay.wake();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(dataSource)).isZero());

            snapshot.run();
            TicketUpdateRows.add(dataSource, 200, 500);
            relay.wake();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(dataSource)).isZero());
            assertThat(relay.republished()).isZero();
            crash.run();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(relay.republished()).isEqualTo(300));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TicketUpdateRows.pending(dataSource)).isZero());
            List<String> expected = IntStream.range(0, 500).mapToObj(v -> "ticket:updated/t@" + v).toList();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(messageIds(bus, config)).containsExactlyElementsOf(expected));
        }
    }

    private static OutboxOptions withoutPoll(OutboxOptions d) {
        return new OutboxOptions(d.batchSize(), Duration.ofHours(1), d.publishTimeout(), d.retryBackoff(),
                d.maxRetryBackoff(), d.retention(), d.purgeInterval(), d.unverifiedWindow());
    }

    private static List<String> messageIds(EventBus bus, EventBusConfig config) throws Exception {
        JetStreamSubscription sub = bus.connection().jetStream().subscribe(config.subjectPrefix() + ".>",
                PullSubscribeOptions.builder().stream(config.stream()).build());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Message> batch = sub.fetch(500, Duration.ofMillis(500));
            if (batch.isEmpty()) break;
            batch.forEach(m -> ids.add(m.getHeaders().getFirst(StreamLookup.MESSAGE_ID_HEADER)));
        }
        sub.unsubscribe();
        return ids;
    }
}
