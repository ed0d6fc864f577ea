package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash of the broker's host: it comes back without what it acknowledged after its disk's last state
 * (the store copied while it was frozen, put back after a kill -9). On an engine of its own.
 */
class OutboxRelayHostCrashTest {
    private static TestEngine engine;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = TestEngine.start();
        dataSource = engine.freshDatabase("outbox_crash_test", 4);
        OutboxSchema.migrate(dataSource);
    }

    @AfterAll
    static void stopEngine() {
        if (dataSource != null) dataSource.close();
        if (engine != null) engine.close();
    }

    private static void emit(int from, int to) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            for (int v = from; v < to; v++) {
                OutboxWriter.add(c, Subjects.TICKET_UPDATED, new TicketUpdatedEvent("t", v, "t", BigDecimal.TEN, "u", null));
            }
        }
    }

    private static long pending() throws Exception {
        return OutboxBacklog.read(dataSource).pending();
    }

    @Test
    void whatTheBrokerLostIsPublishedAgainInOutboxOrder() throws Exception {
        EventBusConfig config = EventBusConfig.defaults(engine.natsUrl(), "outbox-crash-test");
        try (EventBus bus = EventBus.connect(config);
             OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(),
                     StreamLookup.of(bus.connection(), config.stream()), OutboxOptions.defaults())) {
            relay.watch(bus.connection(), config.stream());
            relay.start();
            emit(0, 200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pending()).isZero());

            engine.snapshotNatsNode(1);
            emit(200, 500);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pending()).isZero());
            assertThat(relay.republished()).isZero();
            engine.crashNatsNode(1);
            engine.startNatsNode(1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(relay.republished()).isEqualTo(300));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pending()).isZero());
            List<String> expected = IntStream.range(0, 500).mapToObj(v -> "ticket:updated/t@" + v).toList();
            assertThat(messageIds(bus, config)).containsExactlyElementsOf(expected);
        }
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
