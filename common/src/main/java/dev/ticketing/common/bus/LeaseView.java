package dev.ticketing.common.bus;

import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's picture of the lease bucket, kept by a watch: each key's value, revision and when it was
 * last written. What the watch delivers live is dated on arrival (this process's monotonic clock); what it
 * finds at start by the broker's timestamps, so a dead member's old heartbeat is not taken for a fresh one.
 * This process's wall clock is never compared with the broker's: a step or a skew of it changes nothing.
 */
final class LeaseView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseView.class);

    /** @param written when the broker stored it, by the broker's clock (null for this process's own write not seen yet) */
    record Seen(String value, long revision, long seenAtNanos, Instant written) {
    }

    private final Map<String, Seen> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final NatsKeyValueWatchSubscription watch;
    private final Instant asOf;
    private volatile boolean caughtUp;
    private volatile long caughtUpAt;

    /**
     * {@code asOf}, by the broker's clock: the moment the heartbeats found at start are dated against. For a
     * first view, the broker's present. For a view that replaces one lost with a broker outage, the moment
     * the outage froze the bucket (this member's last renewal before it): no member could renew while the
     * broker was away, so a heartbeat is only as old as it was then. Dated against the present instead,
     * every member that reconnects a moment later than this one would look dead, and its partitions would
     * be taken from it.
     */
    LeaseView(KeyValue kv, Duration ttl, Instant asOf) {
        this.ttl = ttl;
        this.asOf = asOf;
        try {
            this.watch = kv.watchAll(new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry e) {
                    arrived(e);
                }

                @Override
                public void endOfData() {
                    caughtUpAt = System.nanoTime();
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

    /** When the broker stored the key's newest value this view has seen, by the broker's clock, or null. */
    Instant written(String key) {
        Seen s = entries.get(key);
        return s == null ? null : s.written();
    }

    /** True when the watch has delivered this revision of the key (or a later one): it is not lagging. */
    boolean sees(String key, long revision) {
        Seen s = entries.get(key);
        return caughtUp && s != null && s.revision() >= revision;
    }

    /** How long the picture has been complete: what the watch found at start, and live changes since. */
    Duration caughtUpFor() {
        return caughtUp ? Duration.ofNanos(System.nanoTime() - caughtUpAt) : Duration.ZERO;
    }

    /** What this process wrote itself, known before the watch brings it back. */
    void wrote(String key, String value, long revision) {
        entries.merge(key, new Seen(value, revision, System.nanoTime(), null), LeaseView::newer);
    }

    void forget(String key) {
        entries.remove(key);
    }

    /** The live members whose heartbeat names this listener, and {@code self}, sorted. */
    List<String> liveMembersRunning(String durable, String self) {
        List<String> live = new ArrayList<>();
        live.add(self);
        long now = System.nanoTime();
        entries.forEach((key, s) -> {
            if (!key.startsWith("m.") || now - s.seenAtNanos() > ttl.toNanos()) return;
            String member = key.substring(2);
            if (!member.equals(self) && Arrays.asList(s.value().split(",")).contains(durable)) live.add(member);
        });
        live.sort(null);
        return live;
    }

    /** True when the member's heartbeat has not been seen for {@code atLeast} (or never). */
    boolean silentFor(String member, Duration atLeast) {
        Seen s = entries.get("m." + member);
        return s == null || System.nanoTime() - s.seenAtNanos() >= atLeast.toNanos();
    }

    private void arrived(KeyValueEntry e) {
        if (e.getOperation() != KeyValueOperation.PUT) {
            entries.remove(e.getKey());
            return;
        }
        long seenAt = System.nanoTime();
        Instant written = e.getCreated().toInstant();
        if (!caughtUp) {
            long ageMillis = Math.max(0, asOf.toEpochMilli() - written.toEpochMilli());
            seenAt -= Duration.ofMillis(ageMillis).toNanos();
        }
        String value = e.getValueAsString() == null ? "" : e.getValueAsString();
        entries.merge(e.getKey(), new Seen(value, e.getRevision(), seenAt, written), LeaseView::newer);
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
