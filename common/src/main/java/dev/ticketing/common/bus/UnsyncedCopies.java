package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies this process publishes in place of a message it then acks: dead letters and {@link Requeue}'s
 * copies. The broker acks a copy before its disk has it, and the original's ack may reach the disk when the copy
 * does not, so a crash of the broker's host could lose the event for the consumer. Each copy is kept in memory
 * for the broker's unverified window ({@link BrokerSync}); after a reconnection the bus looks each one up and
 * publishes the ones the broker lost again, under the same message id ({@link #restore}).
 *
 * <p>At most {@link #MAX_KEPT} are kept: past that a copy is refused, and the caller leaves the original
 * unacked, to be delivered again.
 */
final class UnsyncedCopies {
    private static final Logger log = LoggerFactory.getLogger(UnsyncedCopies.class);
    static final int MAX_KEPT = 100_000;

    private record Copy(String stream, String subject, Headers headers, byte[] data, String messageId, long seq,
                        long ackedAtNanos) {
        PublishOptions options() {
            return PublishOptions.builder().messageId(messageId).expectedStream(stream).build();
        }
    }

    private final Connection connection;
    private final JetStream js;
    private final Duration window;
    private final ConcurrentLinkedDeque<Copy> kept = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, StreamLookup> lookups = new ConcurrentHashMap<>();
    private final AtomicLong restored = new AtomicLong();

    UnsyncedCopies(Connection connection, Duration window) throws IOException {
        this.connection = connection;
        this.js = connection.jetStream();
        this.window = window;
    }

    /** Publishes the copy to {@code stream} and keeps it until the broker has surely synced it. */
    PublishAck publish(String stream, String subject, Headers headers, byte[] data, String messageId)
            throws IOException, JetStreamApiException {
        forgetSynced();
        if (size.get() >= MAX_KEPT) throw new IOException(size.get() + " copies wait for the broker's sync; not now");
        Copy copy = new Copy(stream, subject, headers, data, messageId, 0, 0);
        PublishAck ack = js.publish(subject, headers, data, copy.options());
        keep(copy, ack);
        return ack;
    }

    /** Publishes again, in the order they were first published, the kept copies the broker no longer holds; answers how many. */
    int restore() throws IOException, JetStreamApiException {
        forgetSynced();
        List<Copy> lost = new ArrayList<>();
        for (Copy c : kept) {
            if (!c.messageId().equals(lookup(c.stream()).messageIdAt(c.seq()))) lost.add(c);
        }
        for (Copy c : lost) {
            keep(c, js.publish(c.subject(), c.headers(), c.data(), c.options()));
            if (kept.removeFirstOccurrence(c)) size.decrementAndGet();
        }
        if (!lost.isEmpty()) {
            restored.addAndGet(lost.size());
            log.warn("the broker lost {} dead letter(s) or requeued cop(ies) acked within the last {}: published again ({} ... {})",
                    lost.size(), window, lost.get(0).messageId(), lost.get(lost.size() - 1).messageId());
        }
        return lost.size();
    }

    /** Copies published again by {@link #restore} since start. */
    long restored() {
        return restored.get();
    }

    int size() {
        return size.get();
    }

    private void keep(Copy copy, PublishAck ack) {
        kept.add(new Copy(copy.stream(), copy.subject(), copy.headers(), copy.data(), copy.messageId(), ack.getSeqno(),
                System.nanoTime()));
        size.incrementAndGet();
    }

    private void forgetSynced() {
        long oldest = System.nanoTime() - window.toNanos();
        for (Copy c = kept.peekFirst(); c != null && c.ackedAtNanos() - oldest <= 0; c = kept.peekFirst()) {
            if (kept.removeFirstOccurrence(c)) size.decrementAndGet();
        }
    }

    private StreamLookup lookup(String stream) {
        return lookups.computeIfAbsent(stream, s -> StreamLookup.of(connection, s));
    }
}
