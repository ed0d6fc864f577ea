package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.StreamLookup;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the outbox rows the broker acknowledged but no longer holds, and makes them pending again, so the
 * relay publishes them again in outbox order with their message ids.
 *
 * <p>A broker's host crash loses what it wrote since its last sync: the tail of the stream, so a suffix of
 * the rows this outbox published (one relay at a time publishes, in outbox order). Among the rows sent
 * within the unverified window, the ones whose recorded stream sequence still holds their message id come
 * first and the lost ones after them: a check of the newest row says whether anything was lost, and a
 * binary search over the rows' seqs finds the first lost row with about log2(seqs) message gets. Each step
 * reads one row by key, so the search holds nothing in memory however many rows the outbox keeps.
 */
final class LostTail {
    private static final Logger log = LoggerFactory.getLogger(LostTail.class);

    /** Rows made pending again: outbox seqs and the stream sequences the broker had acknowledged for them. */
    record Recovery(long rows, long firstSeq, long lastSeq, long firstStreamSeq, long lastStreamSeq) {
    }

    /** A row sent, its message id, and the stream sequence the broker acknowledged for it. */
    private record Sent(long seq, String messageId, long streamSeq) {
    }

    private final StreamLookup stream;
    private final Duration window;

    LostTail(StreamLookup stream, Duration window) {
        this.stream = stream;
        this.window = window;
    }

    /** Runs in the relay's transaction, under its lock: no other relay publishes or marks meanwhile. */
    Optional<Recovery> recover(Connection c) throws SQLException, IOException {
        Sent newest = sentAtOrBelow(c, Long.MAX_VALUE, window);
        if (newest == null || holds(newest)) return Optional.empty();
        Sent oldest = oldestSent(c, window);
        Sent first = firstLost(c, oldest.seq(), newest, window);
        if (first.seq() == oldest.seq()) {
            log.warn("outbox: the broker lost even the oldest row sent within {}: checking every row kept", window);
            first = firstLost(c, oldestSent(c, null).seq(), newest, null);
        }
        long rows = reset(c, first.seq());
        return Optional.of(new Recovery(rows, first.seq(), newest.seq(), first.streamSeq(), newest.streamSeq()));
    }

    /**
     * The first lost row from seq {@code from} on, where {@code newest} is lost: the least {@code x} whose newest
     * row at or below it is lost is that row's seq.
     */
    private Sent firstLost(Connection c, long from, Sent newest, Duration within) throws SQLException, IOException {
        long held = from - 1; // every row of the search at or below it is held
        Sent lost = newest;
        while (lost.seq() - held > 1) {
            long mid = held + (lost.seq() - held) / 2;
            Sent row = sentAtOrBelow(c, mid, within); // null only if another replica's purge took the oldest meanwhile
            if (row == null || holds(row)) held = mid;
            else lost = row;
        }
        return lost;
    }

    private boolean holds(Sent row) throws IOException {
        return row.messageId().equals(stream.messageIdAt(row.streamSeq()));
    }

    /** The newest row at or below {@code seq} sent within {@code within} (any sent row when null) whose stream sequence is known. */
    private static Sent sentAtOrBelow(Connection c, long seq, Duration within) throws SQLException {
        return one(c, "select seq, message_id, stream_seq from outbox where " + sentWithin(within) + " and seq <= ? order by seq desc limit 1",
                within, seq);
    }

    private static Sent oldestSent(Connection c, Duration within) throws SQLException {
        return one(c, "select seq, message_id, stream_seq from outbox where " + sentWithin(within) + " order by seq limit 1", within, null);
    }

    private static String sentWithin(Duration within) {
        return "stream_seq is not null" + (within == null ? "" : " and sent_at >= now() - ? * interval '1 millisecond'");
    }

    private static Sent one(Connection c, String sql, Duration within, Long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (within != null) ps.setLong(i++, within.toMillis());
            if (seq != null) ps.setLong(i, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Sent(rs.getLong(1), rs.getString(2), rs.getLong(3)) : null;
            }
        }
    }

    /** Every row sent from {@code seq} on is pending again; returns how many. */
    private static int reset(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox set sent_at = null, stream_seq = null where seq >= ? and sent_at is not null")) {
            ps.setLong(1, seq);
            return ps.executeUpdate();
        }
    }
}
