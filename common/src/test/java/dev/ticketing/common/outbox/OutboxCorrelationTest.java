package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.bus.BatchScope;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.bus.Listener;
import dev.ticketing.common.bus.ListenerOptions;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The correlation id through the pipeline, on a real PostgreSQL and nats-server: outbox row, message
 * header, the handler's MDC (each message of a batch its own, nothing after), and the events a handler
 * writes.
 */
@ExtendWith(EngineExtension.class)
class OutboxCorrelationTest {
    private static final int TICKETS = 40;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HikariDataSource dataSource;
    private EventBus bus;

    @BeforeEach
    void setUp(TestEngine engine) throws Exception {
        dataSource = engine.freshDatabase("outbox_correlation_test", 4);
        toClose.add(dataSource);
        OutboxSchema.migrate(dataSource);
        bus = EventBus.connect(EventBusConfig.defaults(engine.natsUrl(), "correlation-test").withNamespace("correlation" + NAMESPACES.incrementAndGet()));
        toClose.add(bus);
    }

    @AfterEach
    void tearDown() throws Exception {
        MDC.clear();
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private static TicketCreatedEvent created(String id) {
        return new TicketCreatedEvent(id, 0, "concert", new BigDecimal("10.00"), "user-1");
    }

    /** Written as a service writes it: with the work's correlation id current, or none. */
    private void write(String ticketId, String correlationId) throws SQLException {
        try (CorrelationId.Scope ignored = CorrelationId.open(correlationId);
             Connection c = dataSource.getConnection()) {
            OutboxWriter.add(c, Subjects.TICKET_CREATED, created(ticketId));
        }
    }

    private Map<String, Optional<String>> headersOnStream() throws Exception {
        JetStreamSubscription sub = bus.connection().jetStream().subscribe(bus.config().subjectPrefix() + ".ticket.created.*",
                PullSubscribeOptions.builder().stream(bus.config().stream()).build());
        Map<String, Optional<String>> byMessageId = new HashMap<>();
        List<Message> batch;
        do {
            batch = sub.fetch(500, Duration.ofMillis(500));
            for (Message m : batch) {
                byMessageId.put(m.getHeaders().getFirst("Nats-Msg-Id"),
                        Optional.ofNullable(m.getHeaders().getFirst(CorrelationId.HEADER)));
            }
        } while (!batch.isEmpty());
        sub.unsubscribe();
        return byMessageId;
    }

    private String storedCorrelationId(String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select correlation_id from outbox where message_id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no row";
            }
        }
    }

    /** Records, per scope, how many messages it held and what was current once they were all handled. */
    private static final class RecordingScope implements BatchScope {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        final List<Optional<String>> currentAfter = new CopyOnWriteArrayList<>();
        final ThreadLocal<int[]> handled = new ThreadLocal<>();

        @Override
        public <T> T inOne(Callable<T> work) throws Exception {
            handled.set(new int[1]);
            try {
                return work.call();
            } finally {
                sizes.add(handled.get()[0]);
                currentAfter.add(Optional.ofNullable(CorrelationId.current()));
                handled.remove();
            }
        }

        void count() {
            if (handled.get() != null) handled.get()[0]++;
        }
    }

    @Test
    void theIdTravelsFromTheOutboxRowToTheHandlerAndIntoTheEventsItWrites() throws Exception {
        for (int i = 0; i < TICKETS; i++) write("t-" + i, "corr-" + i);
        write("t-none", null);
        assertThat(storedCorrelationId("ticket:created/t-3@0")).isEqualTo("corr-3");
        assertThat(storedCorrelationId("ticket:created/t-none@0")).isNull();

        OutboxRelay relay = new OutboxRelay(dataSource, bus.publisher(),
                StreamLookup.of(bus.connection(), bus.config().stream()), OutboxOptions.defaults());
        assertThat(relay.relayOnce()).isEqualTo(TICKETS + 1);
        Map<String, Optional<String>> headers = headersOnStream();
        assertThat(headers).hasSize(TICKETS + 1);
        for (int i = 0; i < TICKETS; i++) assertThat(headers.get("ticket:created/t-" + i + "@0")).contains("corr-" + i);
        assertThat(headers.get("ticket:created/t-none@0")).isEmpty();

        Logger handlerLog = (Logger) LoggerFactory.getLogger("dev.ticketing.common.bus.BatchHandler");
        ListAppender<ILoggingEvent> logLines = new ListAppender<>();
        logLines.start();
        handlerLog.addAppender(logLines);
        Level level = handlerLog.getLevel();
        handlerLog.setLevel(Level.DEBUG);
        try {
            Map<String, Optional<String>> currentWhileHandling = new ConcurrentHashMap<>();
            RecordingScope scope = new RecordingScope();
            // The handler writes a follow-up event, as tickets does with ticket:updated after order:created.
            Listener<TicketCreatedEvent> listener = Listener.of(Subjects.TICKET_CREATED, "correlation-group", e -> {
                scope.count();
                currentWhileHandling.put(e.id(), Optional.ofNullable(CorrelationId.current()));
                try (Connection c = dataSource.getConnection()) {
                    OutboxWriter.add(c, Subjects.TICKET_UPDATED,
                            new TicketUpdatedEvent(e.id(), 1, e.title(), e.price(), e.userId(), null));
                }
                return Outcome.APPLIED;
            });
            toClose.add(bus.listen(listener, ListenerOptions.defaults().withBatch(50, 1), scope));

            await("every event handled").atMost(Duration.ofSeconds(30)).until(() -> currentWhileHandling.size() == TICKETS + 1);
            for (int i = 0; i < TICKETS; i++) assertThat(currentWhileHandling.get("t-" + i)).contains("corr-" + i);
            assertThat(currentWhileHandling.get("t-none")).as("no id, not the previous message's").isEmpty();
            assertThat(scope.sizes).as("some batch held messages of different ids").anyMatch(n -> n > 1);
            assertThat(scope.currentAfter).as("nothing stays current after the handlers").containsOnly(Optional.empty());

            for (int i = 0; i < TICKETS; i++) assertThat(storedCorrelationId("ticket:updated/t-" + i + "@1")).isEqualTo("corr-" + i);
            assertThat(storedCorrelationId("ticket:updated/t-none@1")).isNull();

            await("the handler's log lines").atMost(Duration.ofSeconds(10)).until(() -> handledLine(logLines, "t-7") != null);
            assertThat(handledLine(logLines, "t-7").getMDCPropertyMap()).containsEntry(CorrelationId.MDC_KEY, "corr-7");
            assertThat(handledLine(logLines, "t-none").getMDCPropertyMap()).doesNotContainKey(CorrelationId.MDC_KEY);
        } finally {
            handlerLog.detachAppender(logLines);
            handlerLog.setLevel(level);
        }
    }

    /** A version that overtook its predecessor goes to the back of its partition, and keeps its id. */
    private static ILoggingEvent handledLine(ListAppender<ILoggingEvent> lines, String ticketId) {
        return List.copyOf(lines.list).stream()
                .filter(e -> e.getFormattedMessage().contains("handled ticket:created/" + ticketId + "@0 "))
                .findFirst().orElse(null);
    }
}
