package dev.ticketing.common.bus;

import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's picture of who holds what: each partition key of the lease bucket (value and revision, kept
 * by a watch) and each member's last heartbeat, dated on arrival by this process's monotonic clock. A member
 * not heard since the view started counts as heard at its start, so a fresh view takes nobody for dead before
 * it has listened for a while. No wall clock is read: a step or a skew of one changes nothing.
 */
final class LeaseView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseView.class);

    record Seen(String value, long revision) {
    }

    private record Heard(Set<String> durables, long beat, long atNanos) {
    }

    private final Map<String, Seen> entries = new ConcurrentHashMap<>();
    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final long startedAt = System.nanoTime();
    private final NatsKeyValueWatchSubscription watch;
    private volatile boolean caughtUp;
    private volatile long highestRevision;

    /** {@code bucketRevision}: the bucket's last revision just before the watch starts (the watch brings at least that far). */
    LeaseView(KeyValue kv, long bucketRevision) {
        this.highestRevision = bucketRevision;
        try {
            this.watch = kv.watch(PartitionLeases.PARTITION_KEYS, new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry e) {
                    arrived(e);
                }

                @Override
                public void endOfData() {
                    caughtUp = true;
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the lease bucket", e);
        }
    }

    Seen get(String key) {
        return entries.get(key);
    }

    /** What this process wrote itself, known before the watch brings it back. */
    void wrote(String key, String value, long revision) {
        entries.merge(key, new Seen(value, revision), LeaseView::newer);
    }

    void forget(String key) {
        entries.remove(key);
    }

    void heard(String member, long beat, Set<String> durables) {
        heard.merge(member, new Heard(durables, beat, System.nanoTime()), (a, b) -> b.beat() >= a.beat() ? b : a);
    }

    /** True when this member's heartbeat number {@code beat} (or a later one) came back: the view is current. */
    boolean heardOwn(String self, long beat) {
        Heard h = heard.get(self);
        return h != null && h.beat() >= beat;
    }

    /** The newest revision of the bucket this view has seen (or knew it would see when it started). */
    long highestRevision() {
        return highestRevision;
    }

    /** How long the view has been complete: the bucket's keys found at start, and the heartbeats of a while. */
    Duration currentFor() {
        return caughtUp ? Duration.ofNanos(System.nanoTime() - startedAt) : Duration.ZERO;
    }

    /** The members heard within {@code ttl} that run this listener, and {@code self}, sorted. */
    List<String> liveMembersRunning(String durable, String self, Duration ttl) {
        List<String> live = new ArrayList<>();
        live.add(self);
        heard.forEach((member, h) -> {
            if (!member.equals(self) && !silentFor(member, ttl) && h.durables().contains(durable)) live.add(member);
        });
        live.sort(null);
        return live;
    }

    /** True when the member has not been heard for {@code atLeast} (never heard: since this view started). */
    boolean silentFor(String member, Duration atLeast) {
        Heard h = heard.get(member);
        long last = h == null ? startedAt : h.atNanos();
        return System.nanoTime() - last >= atLeast.toNanos();
    }

    private void arrived(KeyValueEntry e) {
        highestRevision = Math.max(highestRevision, e.getRevision());
        if (e.getOperation() != KeyValueOperation.PUT) {
            entries.remove(e.getKey());
            return;
        }
        String value = e.getValueAsString() == null ? "" : e.getValueAsString();
        entries.merge(e.getKey(), new Seen(value, e.getRevision()), LeaseView::newer);
    }

    private static Seen newer(Seen a, Seen b) {
        return b.revision() >= a.revision() ? b : a;
    }

    @Override
    public void close() {
        try {
            watch.unsubscribe();
        } catch (Exception e) {
            log.debug("lease view: {}", e.toString());
        }
    }
}
