package dev.ticketing.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketUpdatedEvent;
import dev.ticketing.common.testing.EngineExtension;
import dev.ticketing.common.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The check of sent rows against a stream, on a real PostgreSQL, with the stream as a plain map. */
@ExtendWith(EngineExtension.class)
class LostTailTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration WINDOW = Duration.ofMinutes(2);
    private HikariDataSource dataSource;
    /** The stream: sequence to message id. */
    private final Map<Long, String> stream = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final LostTail lostTail = new LostTail(seq -> {
        lookups.incrementAndGet();
        return stream.get(seq);
    }, WINDOW);

    @BeforeEach
    void setUp(TestEngine engine) throws SQLException {
        dataSource = engine.freshDatabase("lost_tail_test_" + DATABASES.incrementAndGet(), 2);
        OutboxSchema.migrate(dataSource);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    /** {@code n} rows sent at stream sequences from {@code firstStreamSeq} on, {@code age} ago; the stream holds them. */
    private void sent(String key, int n, long firstStreamSeq, Duration age) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int v = 0; v < n; v++) {
                OutboxWriter.add(c, Subjects.TICKET_UPDATED, new TicketUpdatedEvent(key, v, "t", BigDecimal.TEN, "u", null));
                String id = "ticket:updated/" + key + "@" + v;
                try (PreparedStatement ps = c.prepareStatement("update outbox set sent_at = now() - ? * interval '1 millisecond',"
                        + " stream_seq = ? where message_id = ?")) {
                    ps.setLong(1, age.toMillis());
                    ps.setLong(2, firstStreamSeq + v);
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
                stream.put(firstStreamSeq + v, id);
            }
        }
    }

    private Optional<LostTail.Recovery> recover() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return lostTail.recover(c);
        }
    }

    private long pending() throws SQLException {
        return OutboxBacklog.read(dataSource).pending();
    }

    private long firstPendingSeq() throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select min(seq) from outbox where sent_at is null and stream_seq is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void nothingLostCostsOneLookup() throws Exception {
        sent("a", 1000, 1, Duration.ofSeconds(10));

        assertThat(recover()).isEmpty();
        assertThat(lookups).hasValue(1);
        assertThat(pending()).isZero();
    }

    @Test
    void aLostTailIsFoundByBinarySearchAndMadePendingAgain() throws Exception {
        sent("a", 1000, 1, Duration.ofSeconds(10));
        // The broker came back with sequences 1-700 and reused 701-720 for other messages.
        for (long s = 701; s <= 1000; s++) stream.remove(s);
        for (long s = 701; s <= 720; s++) stream.put(s, "someone-else/" + s);

        LostTail.Recovery r = recover().orElseThrow();

        assertThat(r).isEqualTo(new LostTail.Recovery(300, 701, 1000, 701, 1000));
        assertThat(pending()).isEqualTo(300);
        assertThat(firstPendingSeq()).isEqualTo(701);
        assertThat(lookups.get()).isLessThanOrEqualTo(12); // the newest, then log2(1000) = 10 steps
        assertThat(recover()).as("the pending rows are not checked again").isEmpty();
    }

    @Test
    void rowsSentBeforeTheWindowAreDurableAndNotChecked() throws Exception {
        sent("old", 100, 1, WINDOW.plusSeconds(30));
        sent("new", 10, 101, Duration.ofSeconds(1));
        for (long s = 1; s <= 100; s++) stream.remove(s); // e.g. removed by the stream's age limit

        assertThat(recover()).isEmpty();
        assertThat(pending()).isZero();
    }

    @Test
    void whenEvenTheOldestRowOfTheWindowIsLostEveryRowKeptIsChecked() throws Exception {
        sent("old", 100, 1, WINDOW.plusSeconds(30));
        sent("new", 10, 101, Duration.ofSeconds(1));
        for (long s = 1; s <= 110; s++) stream.remove(s); // lost even what was synced: only the window is checked

        LostTail.Recovery r = recover().orElseThrow();

        assertThat(r.rows()).as("the oldest row within the window is lost: every row kept is checked").isEqualTo(110);
        assertThat(pending()).isEqualTo(110);
    }

    @Test
    void aLossReachingBackBeforeTheWindowIsSearchedToItsFirstLostRow() throws Exception {
        sent("old", 1000, 1, WINDOW.plusSeconds(30));
        sent("new", 10, 1001, Duration.ofSeconds(1));
        for (long s = 601; s <= 1010; s++) stream.remove(s);

        LostTail.Recovery r = recover().orElseThrow();

        assertThat(r).isEqualTo(new LostTail.Recovery(410, 601, 1010, 601, 1010));
        assertThat(lookups.get()).as("the newest, the window's 10 rows, then the 1,010 kept").isLessThanOrEqualTo(1 + 4 + 10);
    }

    @Test
    void onlyTheRowsWithinTheWindowAreSearched() throws Exception {
        sent("old", 100, 1, WINDOW.plusSeconds(30));
        sent("new", 10, 101, Duration.ofSeconds(1));
        stream.remove(110L);

        assertThat(recover().orElseThrow().rows()).isEqualTo(1);
        assertThat(lookups.get()).as("the newest, then the 10 rows of the window").isLessThanOrEqualTo(5);
    }
}
