package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.StreamLookup;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
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
 * binary search finds the first lost row with about log2(rows) message gets.
 */
final class LostTail {
    private static final Logger log = LoggerFactory.getLogger(LostTail.class);

    /** Rows made pending again: outbox seqs and the stream sequences the broker had acknowledged for them. */
    record Recovery(long rows, long firstSeq, long lastSeq, long firstStreamSeq, long lastStreamSeq) {
    }

    /** Rows sent, in outbox order, with the stream sequence of each. */
    private record Sent(long[] seqs, long[] streamSeqs) {
        int size() {
            return seqs.length;
        }
    }

    private final StreamLookup stream;
    private final Duration window;

    LostTail(StreamLookup stream, Duration window) {
        this.stream = stream;
        this.window = window;
    }

    /** Runs in the relay's transaction, under its lock: no other relay publishes or marks meanwhile. */
    Optional<Recovery> recover(Connection c) throws SQLException, IOException {
        Sent sent = sent(c, window);
        if (sent.size() == 0 || holds(c, sent, sent.size() - 1)) return Optional.empty();
        int first = firstLost(c, sent);
        if (first == 0) {
            log.warn("outbox: the broker lost even the oldest row sent within {}: checking every row kept", window);
            sent = sent(c, null);
            first = firstLost(c, sent);
        }
        long rows = reset(c, sent.seqs()[first]);
        return Optional.of(new Recovery(rows, sent.seqs()[first], sent.seqs()[sent.size() - 1],
                sent.streamSeqs()[first], sent.streamSeqs()[sent.size() - 1]));
    }

    /** The first row whose sequence no longer holds it; the newest one is known to be lost. */
    private int firstLost(Connection c, Sent sent) throws SQLException, IOException {
        int held = -1;
        int lost = sent.size() - 1;
        while (lost - held > 1) {
            int mid = (held + lost) >>> 1;
            if (holds(c, sent, mid)) held = mid;
            else lost = mid;
        }
        return lost;
    }

    private boolean holds(Connection c, Sent sent, int i) throws SQLException, IOException {
        return Objects.equals(messageId(c, sent.seqs()[i]), stream.messageIdAt(sent.streamSeqs()[i]));
    }

    /** Rows sent within {@code within} (every sent row when null) whose stream sequence is known. */
    private static Sent sent(Connection c, Duration within) throws SQLException {
        String where = "stream_seq is not null" + (within == null ? "" : " and sent_at >= now() - ? * interval '1 millisecond'");
        int n = (int) single(c, "select count(*) from outbox where " + where, within);
        long[] seqs = new long[n];
        long[] streamSeqs = new long[n];
        try (PreparedStatement ps = c.prepareStatement("select seq, stream_seq from outbox where " + where + " order by seq limit " + n)) {
            if (within != null) ps.setLong(1, within.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    seqs[i] = rs.getLong(1);
                    streamSeqs[i] = rs.getLong(2);
                }
            }
        }
        return new Sent(seqs, streamSeqs);
    }

    private static long single(Connection c, String sql, Duration within) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (within != null) ps.setLong(1, within.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String messageId(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select message_id from outbox where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
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
