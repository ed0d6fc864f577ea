package dev.ticketing.common.bus;

import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * NOT_YET messages one worker holds back until their partition applies something, then tries again at
 * once, in stream order. What a NOT_YET waits for is mostly a message of the same partition that the broker
 * will deliver again (lost in flight with a broker restart, or unacknowledged by a killed replica); NAKed
 * instead, each waiting message would come back about an ack wait later, often before its predecessor, and
 * wait again, so a chain of dependent messages would take an ack wait per link. A partition parks at most
 * half its window, so what it waits for can still be delivered; a message parked longer than
 * {@link #MAX_WAIT} is settled as a NOT_YET after all (NAKed, or moved back). The worker thread parks and
 * takes; the keeper only reads.
 */
final class Parking {
    static final int MAX_PER_PARTITION = EventBus.MAX_ACK_PENDING / 2;
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private record Parked(Message message, long sinceNanos) {
    }

    private final IntPredicate owned;
    private final Map<Integer, TreeMap<Long, Parked>> byPartition = new ConcurrentHashMap<>();
    /** When the messages taken out for another try were first parked, so a message parks {@link #MAX_WAIT} in all. */
    private final Map<Long, Long> retrying = new ConcurrentHashMap<>();
    private final Set<Integer> progressed = new HashSet<>();

    /** {@code owned}: whether this process still consumes a partition; a partition given up parks nothing. */
    Parking(IntPredicate owned) {
        this.owned = owned;
    }

    /**
     * Whether a NOT_YET message may be held back: its partition is ours, parks fewer than its share, and the
     * message has not waited the longest park yet.
     */
    boolean canPark(Message m, long streamSequence) {
        long now = System.nanoTime();
        Long since = retrying.get(streamSequence);
        int partition = RunningListener.partitionOf(m);
        if ((since != null && now - since >= MAX_WAIT.toNanos()) || !owned.test(partition)) return false;
        TreeMap<Long, Parked> parked = byPartition.get(partition);
        if (parked == null) return true;
        synchronized (parked) {
            return parked.size() < MAX_PER_PARTITION;
        }
    }

    /** Holds it back (after {@link #canPark} said it may), keeping the time it was first parked. */
    void park(Message m, long streamSequence) {
        Long since = retrying.remove(streamSequence);
        TreeMap<Long, Parked> parked = byPartition.computeIfAbsent(RunningListener.partitionOf(m), p -> new TreeMap<>());
        synchronized (parked) {
            parked.put(streamSequence, new Parked(m, since == null ? System.nanoTime() : since));
        }
    }

    /** Whether any message is parked (then expiries and progress are looked after often). */
    boolean holdsAny() {
        for (TreeMap<Long, Parked> parked : byPartition.values()) {
            synchronized (parked) {
                if (!parked.isEmpty()) return true;
            }
        }
        return !progressed.isEmpty();
    }

    /** A message of this partition was applied: what waits there may apply now. */
    void applied(Message m) {
        progressed.add(RunningListener.partitionOf(m));
    }

    /** The parked messages of the partitions that progressed since the last call, oldest first. */
    List<Message> takeReady() {
        List<Message> ready = new ArrayList<>();
        for (int partition : progressed) {
            TreeMap<Long, Parked> parked = byPartition.get(partition);
            if (parked == null) continue;
            synchronized (parked) {
                parked.forEach((seq, p) -> {
                    retrying.put(seq, p.sinceNanos());
                    ready.add(p.message());
                });
                parked.clear();
            }
        }
        progressed.clear();
        return ready;
    }

    /** The messages taken by {@link #takeReady} are handled: those not parked again need no park time. */
    void retried() {
        retrying.clear();
    }

    /** The messages parked longer than {@link #MAX_WAIT}, taken out. */
    List<Message> takeExpired() {
        long now = System.nanoTime();
        List<Message> expired = new ArrayList<>();
        for (TreeMap<Long, Parked> parked : byPartition.values()) {
            synchronized (parked) {
                for (Iterator<Parked> it = parked.values().iterator(); it.hasNext(); ) {
                    Parked p = it.next();
                    if (now - p.sinceNanos() < MAX_WAIT.toNanos()) continue;
                    it.remove();
                    expired.add(p.message());
                }
            }
        }
        return expired;
    }

    /** The parked messages of a partition this process gives up (or of all, {@code partition} &lt; 0), taken out. */
    List<Message> takeAll(int partition) {
        List<Message> taken = new ArrayList<>();
        byPartition.forEach((p, parked) -> {
            if (partition >= 0 && p != partition) return;
            synchronized (parked) {
                parked.values().forEach(x -> taken.add(x.message()));
                parked.clear();
            }
        });
        return taken;
    }

    /** Each parked message that has waited at least {@code nanos}. */
    void forEachWaiting(long nanos, Consumer<Message> action) {
        long now = System.nanoTime();
        for (TreeMap<Long, Parked> parked : byPartition.values()) {
            synchronized (parked) {
                parked.values().forEach(p -> {
                    if (now - p.sinceNanos() >= nanos) action.accept(p.message());
                });
            }
        }
    }
}
