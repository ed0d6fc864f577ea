package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.common.bus.Backoff;
import dev.ticketing.common.bus.OutgoingMessage;
import dev.ticketing.common.bus.Publisher;
import dev.ticketing.common.bus.EventBus;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes pending outbox rows to JetStream in seq order, a batch at a time: all publishes of a batch
 * are in flight together, then the rows whose publish was acked (the prefix up to the first failure) are
 * marked sent, with the stream sequence of each ack, in the same transaction that selected them. A crash
 * between publish and mark re-publishes those rows later; their message ids make the broker drop the copies.
 *
 * <p>An ack is not durability: the broker acks what it wrote to its operating system and syncs it to disk
 * later, so a crash of its host loses the tail it had not synced. Sent rows are kept (at least for the
 * {@link OutboxOptions#unverifiedWindow()}), and whenever the broker may have lost its tail (this relay's
 * start, a disconnection, a new leader of the stream, an ack whose stream sequence went back) the next batch
 * first checks the rows sent within that window against the stream ({@link LostTail}) and makes what the
 * stream lost pending again. Acks that arrive in a batch during which such a sign came are not trusted: the
 * batch stays pending and is checked first.
 *
 * <p>Several replicas may run a relay: a transaction-scoped advisory lock lets one relay at a time work,
 * which keeps the publish order equal to the outbox order. The relay is woken by {@link #wake()} after a
 * commit in this process; one that finds the lock held tries again shortly, since the holder may have
 * selected its rows before that commit; and it polls, less often, for rows a process committed and did not
 * relay (it crashed first).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Returned by {@link #relayOnce()} when another relay holds the lock. */
    public static final int LOCKED = -1;
    /** How soon a relay that found another holding the lock tries again. */
    private static final Duration LOCKED_RETRY = Duration.ofMillis(20);
    private static final long LOCK_KEY = 0x7469636b6574L; // "ticket"
    private static final long ACK_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DataSource dataSource;
    private final Publisher publisher;
    private final OutboxOptions options;
    private final PublishObserver observer;
    private final LongAdder published = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final LongAdder republished = new LongAdder();
    private final LostTail lostTail;
    private final OutboxPurge purge;
    /** Counts the signs that the broker may have lost its tail; the rows are checked once per new count. */
    private final AtomicLong lossSigns = new AtomicLong(1);
    private volatile long checkedSigns;
    /** The highest stream sequence acked for a new message since the last check: a lower one means the stream went back. */
    private long highestAck;
    private volatile boolean running;
    private final Semaphore wakeUp = new Semaphore(0);
    /** Completed (and replaced) when the broker is back: see {@link #brokerBack()}. */
    private volatile CompletableFuture<Void> brokerBack = new CompletableFuture<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private Thread thread;

    public OutboxRelay(DataSource dataSource, Publisher publisher, StreamLookup stream, OutboxOptions options) {
        this(dataSource, publisher, stream, options, PublishObserver.NONE);
    }

    /** @param stream the stream the publisher publishes to: where sent rows are checked after a sign of loss */
    public OutboxRelay(DataSource dataSource, Publisher publisher, StreamLookup stream, OutboxOptions options,
                       PublishObserver observer) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.options = options;
        this.observer = observer;
        this.lostTail = new LostTail(stream, options.unverifiedWindow());
        this.purge = new OutboxPurge(dataSource, options);
    }

    public synchronized void start() {
        if (running) return;
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        onClose.forEach(Runnable::run);
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something was committed to the outbox: relay now rather than at the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) wakeUp.release();
    }

    /**
     * The broker is back: the connection (and its subscriptions), or, on a cluster, a leader of the stream.
     * Acks still awaited from before will never come, and a failed batch need not wait out its backoff: the
     * batch in hand and the pause after a failure end now, and the rows are published again (the message
     * ids drop what was stored). An idle relay looks now: the sent rows are checked if the broker may have lost them.
     */
    public void brokerBack() {
        CompletableFuture<Void> signal = brokerBack;
        brokerBack = new CompletableFuture<>();
        signal.complete(null);
        wake();
    }

    /**
     * The broker may have lost what it acknowledged and had not synced yet (its host may have crashed): the
     * next batch checks the rows sent within the unverified window first, and acks of a batch under way are
     * not trusted.
     */
    public void brokerMayHaveLostTail() {
        lossSigns.incrementAndGet();
    }

    /** Until {@link #close()}: woken by the broker's return, and checking the sent rows after a sign of loss. */
    public void watch(EventBus bus) {
        onClose.add(bus.events().onBack(this::brokerBack));
        onClose.add(bus.events().onMayHaveLostTail(this::brokerMayHaveLostTail));
    }

    public long published() {
        return published.sum();
    }

    public long failedBatches() {
        return failedBatches.sum();
    }

    /** Rows published again because the broker had lost them after its ack. */
    public long republished() {
        return republished.sum();
    }

    private void loop() {
        Duration backoff = options.retryBackoff();
        while (running) {
            CompletableFuture<Void> signal = brokerBack; // the broker back during the batch ends the pause after it
            try {
                int n = relayOnce();
                backoff = options.retryBackoff();
                if (n == LOCKED) {
                    awaitWakeUp(LOCKED_RETRY); // the holder may have selected before this process's last commit
                } else if (n < options.batchSize()) {
                    purge.ifDue();
                    awaitWakeUp(options.pollInterval());
                }
            } catch (Exception e) {
                if (!running) return;
                failedBatches.increment();
                log.warn("outbox relay: {}; retrying in {} ms", e.getMessage(), backoff.toMillis());
                if (!pause(backoff, signal)) return;
                backoff = signal.isDone() ? options.retryBackoff() : Backoff.next(backoff, options.maxRetryBackoff());
            }
        }
    }

    /**
     * One batch: lock, check the sent rows if the broker may have lost its tail, select pending rows, publish
     * them all, mark the acked prefix sent, commit.
     *
     * @return rows published, or {@link #LOCKED}
     * @throws OutboxRelayException when a publish failed (the rows after it stay pending)
     */
    public int relayOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return LOCKED;
                }
                long signs = lossSigns.get();
                Optional<LostTail.Recovery> recovery = signs == checkedSigns ? Optional.empty() : checkTail(c);
                List<Row> rows = pending(c);
                List<Sent> sent = new ArrayList<>(rows.size());
                Exception failure = publishAll(rows, sent);
                if (lossSigns.get() != signs && !sent.isEmpty()) {
                    failure = new OutboxRelayException("the broker may have lost its tail during the batch: "
                            + sent.size() + " acks not trusted", failure);
                    sent.clear();
                }
                markSent(c, sent);
                c.commit();
                checkedSigns = signs;
                recovery.ifPresent(this::recovered);
                published.add(sent.size());
                if (failure != null) {
                    throw new OutboxRelayException("published " + sent.size() + " of " + rows.size()
                            + " pending events; the rest stay pending: " + failure, failure); // a timeout has no message
                }
                return sent.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private Optional<LostTail.Recovery> checkTail(Connection c) throws SQLException {
        highestAck = 0;
        try {
            return lostTail.recover(c);
        } catch (IOException e) {
            throw new OutboxRelayException("cannot check the sent rows against the stream: " + e.getMessage(), e);
        }
    }

    private void recovered(LostTail.Recovery r) {
        republished.add(r.rows());
        log.warn("outbox: the broker lost {} acknowledged events (outbox seq {}-{}, stream seq {}-{}): publishing them again",
                r.rows(), r.firstSeq(), r.lastSeq(), r.firstStreamSeq(), r.lastStreamSeq());
    }

    /** A row acked at a stream sequence. */
    private record Sent(long seq, long streamSeq) {
    }

    /**
     * @param ageMillis  the row's age when selected, by the database's clock
     * @param readNanos  when it was selected, by this process's clock; the two give the latency to the ack
     *                   without comparing the two clocks
     */
    private record Row(long seq, OutgoingMessage message, long ageMillis, long readNanos) {
        Duration ageAt(long nanos) {
            return Duration.ofMillis(ageMillis).plusNanos(Math.max(0, nanos - readNanos));
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> pending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, message_id, subject, partition_key, payload, (extract(epoch from clock_timestamp() - created_at)"
                        + " * 1000)::bigint, correlation_id from outbox where sent_at is null order by seq limit ?")) {
            ps.setInt(1, options.batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                long now = System.nanoTime();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), new OutgoingMessage(rs.getString(3), rs.getString(2),
                            rs.getString(4), rs.getString(5).getBytes(StandardCharsets.UTF_8), rs.getString(7)), rs.getLong(6), now));
                }
            }
            return rows;
        }
    }

    /** Publishes every row at once; fills {@code sent} with the acked prefix; returns the first failure. */
    private Exception publishAll(List<Row> rows, List<Sent> sent) {
        CompletableFuture<Void> back = brokerBack;
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(rows.size());
        for (Row r : rows) acks.add(publishAsync(r));
        long deadline = System.nanoTime() + options.publishTimeout().toNanos();
        for (int i = 0; i < rows.size(); i++) {
            try {
                PublishAck ack = awaitAck(acks.get(i), deadline, back);
                noteAck(ack);
                sent.add(new Sent(rows.get(i).seq(), ack.getSeqno()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            } catch (Exception e) {
                return e;
            }
        }
        return null;
    }

    /**
     * Waits in short slices, so that the broker's return is noticed without hanging a dependent on the
     * long-lived {@code back} future per message (they would pile up on it until the next return).
     */
    private static PublishAck awaitAck(CompletableFuture<PublishAck> ack, long deadline, CompletableFuture<Void> back)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                return ack.get(Math.max(0, Math.min(left, ACK_SLICE_NANOS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (left <= ACK_SLICE_NANOS) throw e;
                if (back.isDone()) throw new TimeoutException("the broker is back (a reconnection or a new stream leader)");
            }
        }
    }

    private CompletableFuture<PublishAck> publishAsync(Row r) {
        try {
            CompletableFuture<PublishAck> ack = publisher.publishAsync(r.message());
            ack.thenRun(() -> observe(r)); // a side branch: the observer cannot fail the publish
            return ack;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void observe(Row r) {
        try {
            observer.published(r.ageAt(System.nanoTime()));
        } catch (RuntimeException e) {
            log.debug("publish observer: {}", e.toString());
        }
    }

    /** A new message stored at or below a sequence acked before: the stream went back, so it lost its tail. */
    private void noteAck(PublishAck ack) {
        if (ack.isDuplicate()) return;
        if (ack.getSeqno() <= highestAck) brokerMayHaveLostTail();
        highestAck = Math.max(highestAck, ack.getSeqno());
    }

    /**
     * One update by key per row, sent together. (A join with the rows' arrays would do it in one statement, but
     * PostgreSQL keeps a generic plan made while the outbox was nearly empty, and that plan scans the table.)
     */
    private static void markSent(Connection c, List<Sent> sent) throws SQLException {
        if (sent.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("update outbox set sent_at = now(), stream_seq = ? where seq = ?")) {
            for (Sent s : sent) {
                ps.setLong(1, s.streamSeq());
                ps.setLong(2, s.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void awaitWakeUp(Duration timeout) throws InterruptedException {
        if (wakeUp.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) wakeUp.drainPermits();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback: {}", e.toString());
        }
    }

    /** Sleeps for {@code d} or until {@code signal} completes; false when interrupted. */
    private static boolean pause(Duration d, CompletableFuture<Void> signal) {
        try {
            signal.get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
