package dev.ticketing.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stopped under a listener whose handler writes to it: with one event pending, then with a burst
 * arriving during the outage. The failure budget is two failures and the backoff short, so any failure
 * counted against the events would dead-letter them within a second; none may be.
 */
@ExtendWith(EngineExtension.class)
class DependencyOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private TestEngine engine;
    private EventBus bus;
    private String table;

    @BeforeEach
    void setUp(TestEngine engine) throws Exception {
        this.engine = engine;
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "outage").withNamespace("outage" + System.nanoTime()));
        table = "applied_" + System.nanoTime();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id text primary key)");
        }
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(engine.jdbcUrl("tickets"), "postgres", "");
    }

    /** Idempotent: a redelivered event is written once. */
    private Outcome write(TicketCreatedEvent e, Delivery d) throws Exception {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("insert into " + table + " values (?) on conflict do nothing")) {
            s.setString(1, e.id());
            return s.executeUpdate() == 1 ? Outcome.APPLIED : Outcome.DUPLICATE;
        }
    }

    private long written() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void publish(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            bus.publisher().publishAsync(OutgoingMessage.of(Subjects.TICKET_CREATED,
                    new TicketCreatedEvent("ticket-" + i, 0, "t", new BigDecimal("10.00"), "user-1")));
        }
        bus.connection().flush(Duration.ofSeconds(5));
    }

    @Test
    void aDatabaseOutageNeverDeadLettersAndEverythingIsAppliedAfterIt() throws Exception {
        RunningListener<TicketCreatedEvent> running = bus.listen(
                new RecordingListener<>(Subjects.TICKET_CREATED, "outage-group", this::write),
                ListenerOptions.defaults().withMaxFailures(2).withDelays(Duration.ofMillis(50), Duration.ofMillis(20),
                        Duration.ofSeconds(1)));
        engine.stopPostgres();
        try {
            publish(0, 1);
            await("the pending event failed on the missing database").atMost(Duration.ofSeconds(10))
                    .until(() -> running.stats().infrastructureFailures() + running.stats().failures() >= 2);
            publish(1, 60);
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            engine.startPostgres();
        }
        await("all applied after the outage").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> written() == 60);
        assertThat(running.stats().deadLettered()).as("dead letters").isZero();
        assertThat(running.stats().failures()).as("failures counted against events").isZero();
        assertThat(running.stats().infrastructureFailures()).isGreaterThan(2);
    }
}
