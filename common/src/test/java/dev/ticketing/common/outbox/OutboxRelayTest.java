package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox against a real PostgreSQL and a real nats-server. */
@ExtendWith(EngineExtension.class)
class OutboxRelayTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestEngine engine;
    private HikariDataSource dataSource;
    private EventBus bus;

    @BeforeEach
    void setUp(TestEngine engine) throws Exception {
        this.engine = engine;
        dataSource = engine.freshDatabase("outbox_test_" + NAMESPACES.incrementAndGet(), 6);
        toClose.add(dataSource);
        OutboxSchema.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table things (id text primary key, version bigint not null)");
        }
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "outbox-test")
                .withNamespace("outbox" + NAMESPACES.get()));
        toClose.add(bus);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private OutboxRelay relay(OutboxOptions options) {
        OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(), stream(), options);
        toClose.add(0, relay);
        return relay;
    }

    private StreamLookup stream() {
        return StreamLookup.of(bus.connection(), bus.config().stream());
    }

    private static TicketUpdatedEvent update(String id, long version) {
        return new TicketUpdatedEvent(id, version, "t", new BigDecimal("10"), "u", null);
    }

    /** The service's pattern: the record change and its event in one transaction. */
    private void changeAndEmit(String id, long version, boolean failAfterWrite) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into things values ('" + id + "@" + version + "', " + version + ")");
            }
            OutboxWriter.add(c, Subjects.TICKET_UPDATED, update(id, version));
            if (failAfterWrite) {
                c.rollback();
                throw new IllegalStateException("failure after the write");
            }
            c.commit();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long pending() throws SQLException {
        return OutboxBacklog.read(dataSource).pending();
    }

    private List<Message> streamMessages(int max) throws Exception {
        JetStreamSubscription sub = bus.connection().jetStream().subscribe(bus.config().subjectPrefix() + ".>",
                PullSubscribeOptions.builder().stream(bus.config().stream()).build());
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sub.fetch(Math.min(500, max), Duration.ofMillis(500));
            all.addAll(batch);
        } while (!batch.isEmpty() && all.size() < max);
        sub.unsubscribe();
        return all;
    }

    private long streamCount() throws Exception {
        return bus.connection().jetStreamManagement().getStreamInfo(bus.config().stream()).getStreamState().getMsgCount();
    }

    @Test
    void recordAndEventCommitTogetherOrNotAtAll() throws Exception {
        changeAndEmit("a", 0, false);
        assertThatThrownBy(() -> changeAndEmit("b", 0, true)).hasMessageContaining("failure after the write");

        assertThat(count("select count(*) from things where id like 'b@%'")).isZero();
        assertThat(count("select count(*) from outbox where message_id like '%/b@%'")).isZero();
        assertThat(count("select count(*) from things where id like 'a@%'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where message_id = 'ticket:updated/a@0'")).isEqualTo(1);
    }

    @Test
    void relayPublishesInOutboxOrderAndMarksSent() throws Exception {
        for (int v = 0; v < 30; v++) changeAndEmit("ordered", v, false);
        OutboxRelay relay = relay(OutboxOptions.defaults());
        relay.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(relay.published()).isEqualTo(30));
        assertThat(pending()).isZero();
        List<Message> messages = streamMessages(100);
        assertThat(messages).hasSize(30);
        for (int v = 0; v < 30; v++) {
            assertThat(messages.get(v).getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("ticket:updated/ordered@" + v);
        }
    }

    /** A crash between the publishes and the marks' commit leaves the rows pending: published again, as copies. */
    @Test
    void rowsPublishedButNotMarkedArePublishedAgainAsCopiesNotAsNewEvents() throws Exception {
        for (int v = 0; v < 10; v++) changeAndEmit("unmarked", v, false);
        OutboxRelay relay = relay(OutboxOptions.defaults());
        relay.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pending()).isZero());
        String streamSeqs = "select string_agg(stream_seq::text, ',' order by seq) from outbox";
        String before = text(streamSeqs);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update outbox set sent_at = null, stream_seq = null"); // as if the marks never committed
        }
        relay.wake();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pending()).isZero());
        assertThat(relay.published()).as("published twice").isEqualTo(20);
        assertThat(streamCount()).as("the broker dropped the copies").isEqualTo(10);
        assertThat(text(streamSeqs)).as("each row marked with its first ack's sequence").isEqualTo(before);
    }

    private String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void brokerDownKeepsEventsPendingAndTheyAllDrainOnceWhenItReturns() throws Exception {
        OutboxRelay relay = relay(OutboxOptions.defaults().withPublishTimeout(Duration.ofSeconds(1)));
        relay.start();
        engine.stopNats();
        try {
            for (int i = 0; i < 40; i++) changeAndEmit("down-" + i, 0, false);
            relay.wake(); // as TransactionalOutbox does after a commit
            Thread.sleep(2500);
            assertThat(pending()).as("nothing is lost or marked sent while the broker is down").isEqualTo(40);
            assertThat(relay.failedBatches()).isPositive();
        } finally {
            engine.startNats();
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(pending()).isZero());
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> assertThat(streamCount()).isEqualTo(40));
        List<String> ids = streamMessages(100).stream().map(m -> m.getHeaders().getFirst("Nats-Msg-Id")).toList();
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void aRelayPausedAfterAFailedBatchPublishesAsSoonAsTheBrokerIsBack() throws Exception {
        Duration longPause = Duration.ofSeconds(120);
        OutboxRelay relay = relay(OutboxOptions.defaults().withPublishTimeout(Duration.ofSeconds(1))
                .withRetryBackoff(longPause, longPause));
        relay.watch(bus);
        relay.start();
        engine.stopNats();
        try {
            for (int i = 0; i < 10; i++) changeAndEmit("back-" + i, 0, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.failedBatches() > 0);
        } finally {
            engine.startNats();
        }
        // Without the reconnection the relay would sleep out its 2-minute pause first.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(pending()).isZero());
        assertThat(streamMessages(100)).hasSize(10);
    }

    @Test
    void severalRelaysTogetherPublishEveryEventOnce() throws Exception {
        for (int i = 0; i < 300; i++) changeAndEmit("multi-" + (i % 7), i, false);
        OutboxRelay first = relay(OutboxOptions.defaults());
        OutboxRelay second = relay(OutboxOptions.defaults());
        OutboxRelay third = relay(OutboxOptions.defaults());
        first.start();
        second.start();
        third.start();
        for (int i = 300; i < 400; i++) changeAndEmit("multi-" + (i % 7), i, false);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(pending()).isZero();
            assertThat(streamCount()).isEqualTo(400);
        });
        List<Message> messages = streamMessages(1000);
        assertThat(messages).hasSize(400);
        assertThat(messages.stream().map(m -> m.getHeaders().getFirst("Nats-Msg-Id")).toList()).doesNotHaveDuplicates();
        // One relay at a time: the stream holds the events in outbox order.
        List<Long> versions = messages.stream().map(m -> TestJson.read(m.getData()).get("version").asLong()).toList();
        assertThat(versions).isSorted();
    }

    @Test
    void wakeUpRelaysWithoutWaitingForThePoll() throws Exception {
        OutboxOptions d = OutboxOptions.defaults();
        OutboxOptions slowPoll = new OutboxOptions(500, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofHours(1), d.unverifiedWindow());
        OutboxRelay relay = relay(slowPoll);
        relay.start();
        Thread.sleep(500); // the relay is now asleep until the poll, 30 s away
        long start = System.nanoTime();
        changeAndEmit("notify", 0, false);
        relay.wake();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(relay.published()).isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void purgeDeletesOnlySentRowsOlderThanTheRetention() throws Exception {
        for (int i = 0; i < 5; i++) changeAndEmit("purge", i, false);
        OutboxRelay relay = relay(OutboxOptions.defaults().withUnverifiedWindow(Duration.ofMillis(100))
                .withRetention(Duration.ofMillis(200), Duration.ofHours(1)));
        assertThat(relay.relayOnce()).isEqualTo(5);
        changeAndEmit("purge", 5, false); // pending: must survive the purge
        OutboxPurge purge = new OutboxPurge(dataSource, OutboxOptions.defaults().withUnverifiedWindow(Duration.ofMillis(100))
                .withRetention(Duration.ofMillis(200), Duration.ofHours(1)));
        assertThat(purge.once()).as("sent rows are younger than the retention").isZero();
        Thread.sleep(300);
        assertThat(purge.once()).isEqualTo(5);
        assertThat(count("select count(*) from outbox")).isEqualTo(1);
        assertThat(pending()).isEqualTo(1);
    }

    /**
     * PostgreSQL keeps a generic plan for a statement prepared five times on one connection, made from what it
     * knew of the table then. The outbox starts empty and grows to its retention; until autovacuum analyzes it, a
     * plan made for an empty table must not scan the whole table at each mark.
     */
    @Test
    void theRelayFindsTheRowsItMarksByKeyHoweverTheOutboxGrewSinceItsStatementsWerePlanned() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table outbox set (autovacuum_enabled = off)"); // no analyze replans meanwhile
        }
        try (HikariDataSource oneConnection = engine.pool(dataSource.getJdbcUrl(), 1)) {
            OutboxRelay relay = new OutboxRelay(oneConnection, bus.publisher(), stream(), OutboxOptions.defaults());
            toClose.add(0, relay);
            for (int v = 0; v < 20; v++) { // the driver prepares at the 5th use, the server plans generically after 5 more
                changeAndEmit("planned", v, false);
                assertThat(relay.relayOnce()).isEqualTo(1);
            }
            addSentRows("grown", 20000, "now()");
            long before = outboxSeqScans(oneConnection);
            for (int v = 20; v < 24; v++) {
                changeAndEmit("planned", v, false);
                assertThat(relay.relayOnce()).isEqualTo(1);
            }
            assertThat(outboxSeqScans(oneConnection)).as("sequential scans of the outbox by the relay").isEqualTo(before);
        }
    }

    /** The relay's own backend's count, flushed first (PostgreSQL reports a backend's counts at most once a second). */
    private static long outboxSeqScans(HikariDataSource relayPool) throws SQLException {
        try (Connection c = relayPool.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_stat_force_next_flush()");
            s.execute("select 1");
            try (ResultSet rs = s.executeQuery("select seq_scan from pg_stat_user_tables where relname = 'outbox'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A backlog of rows past the retention (a service that was down, a shorter retention) is purged by key. */
    @Test
    void thePurgeDeletesAChunkByKeyNotByScanningTheWholeOutbox() throws Exception {
        addSentRows("old", 30000, "now() - interval '2 days'");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze outbox");
            String plan = explain(c, OutboxPurge.DELETE_CHUNK.replace("?", Long.toString(Duration.ofDays(1).toMillis())));
            assertThat(plan).contains("Index Cond: (seq = ANY").doesNotContain("Join");
        }
        OutboxPurge purge = new OutboxPurge(dataSource, OutboxOptions.defaults());
        assertThat(purge.once()).isEqualTo(30000);
        assertThat(count("select count(*) from outbox")).isZero();
    }

    /** {@code n} rows already sent at {@code sentAt} (an SQL expression), as the outbox holds them until the purge. */
    private void addSentRows(String prefix, int n, String sentAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into outbox (message_id, subject, payload, sent_at) select '" + prefix + "/' || g,"
                    + " 'ticket:updated', repeat('x', 200), " + sentAt + " from generate_series(1, " + n + ") g");
        }
    }

    private static String explain(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
    }

    @Test
    void theBacklogAndThePublishLatencyAreReported() throws Exception {
        assertThat(OutboxBacklog.read(dataSource)).isEqualTo(new OutboxBacklog(0, Duration.ZERO));
        changeAndEmit("b", 0, false);
        changeAndEmit("b", 1, false);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update outbox set created_at = now() - interval '5 seconds' where message_id like '%b@0'");
        }
        OutboxBacklog before = OutboxBacklog.read(dataSource);
        assertThat(before.pending()).isEqualTo(2);
        assertThat(before.oldestAge()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));

        List<Duration> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(), stream(), OutboxOptions.defaults(), latencies::add);
        toClose.add(0, relay);
        assertThat(relay.relayOnce()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(latencies).hasSize(2));
        assertThat(latencies).anySatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(OutboxBacklog.read(dataSource)).isEqualTo(new OutboxBacklog(0, Duration.ZERO));
    }
}
