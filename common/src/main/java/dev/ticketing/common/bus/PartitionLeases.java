package dev.ticketing.common.bus;

import dev.ticketing.common.events.Partitions;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which process consumes which partition of a shared listener, so that one partition's messages reach one
 * replica, in order, many at a time (nats-server 2.9 has no pinned consumers; this is what stands in).
 *
 * <p>The state is a key-value bucket: {@code m.<member>} is a process's heartbeat, renewed every
 * {@code renewEvery}, naming the listeners it runs; {@code p.<durable>.<partition>} names the member that
 * consumes that partition. A member is live while its heartbeat is younger than {@code ttl}; a partition
 * belongs to the live members running its listener in turn ({@code partition % n} of their sorted ids).
 * Taking a partition is a compare-and-set on its key, so two members never both win it; a partition of a
 * dead member is taken once its heartbeat is stale; the member that finds its partition taken stops
 * consuming it. Correctness never rests on this: the replicas' version and sequence rules absorb a
 * message applied out of turn. It only keeps that rare.
 */
final class PartitionLeases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionLeases.class);
    private static final int HEARTBEAT_READS = 20;
    private static final long HEARTBEAT_READ_PAUSE_MS = 50;

    /** The side that consumes: told to start or stop one partition. */
    interface Claimant {
        String durable();

        /**
         * How long a dead member's unacknowledged messages take to come back (the listener's ack wait): a
         * partition of a dead member is taken only then, after its heartbeat's ttl.
         */
        Duration takeoverDelay();

        /** The partitions it consumes now: the one record of what this member holds. */
        Set<Integer> ownedPartitions();

        void take(int partition);

        /** Stops consuming it; returns once nothing of it is being handled here. */
        void release(int partition);
    }

    private final String member = UUID.randomUUID().toString().substring(0, 13);
    private volatile LeaseView view;
    private final KeyValue kv;
    private final Connection connection;
    private final Duration ttl;
    private final Map<String, Claimant> claimants = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    // The ticker's own state.
    private long viewCurrentAt = System.nanoTime();
    private long renewedRevision;
    private boolean renewFailed;
    private boolean rewatchOwed;
    private long reconnects;

    PartitionLeases(Connection connection, String bucket, int replicas, Duration ttl, Duration renewEvery)
            throws IOException, JetStreamApiException {
        this.ttl = ttl;
        this.connection = connection;
        this.kv = ensureBucket(connection, bucket, replicas);
        this.view = new LeaseView(kv, ttl, brokerNow());
        this.reconnects = connection.getStatistics().getReconnects();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partition-leases");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tickQuietly, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void join(Claimant c) {
        claimants.put(c.durable(), c);
    }

    /** Hands every partition of the claimant back at once, so the others need not wait for a timeout. */
    void leave(Claimant c) {
        runOnTicker(() -> {
            claimants.remove(c.durable());
            for (int p : c.ownedPartitions()) giveUp(c, p, true);
        });
    }

    @Override
    public void close() {
        claimants.values().forEach(this::leave);
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection.getStatus() == Connection.Status.CONNECTED) runQuietly(() -> kv.delete(memberKey(member)));
        view.close();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (Exception e) {
            log.debug("partition leases: {}", e.toString());
        }
    }

    /**
     * Renews the heartbeat, then balances, but only on a picture of the bucket that is current (the watch
     * brought back our previous heartbeat) and old enough (a ttl) that every live member's heartbeat is in
     * it. A broker outage does not stop the partitions held: nothing arrives meanwhile anyway, and they
     * go on at once when it is back; the watch is started afresh then, since it does not survive a
     * broker restart.
     */
    private void tick() throws IOException, JetStreamApiException {
        // A renewal may outlast an outage (the client holds it until it reconnects), so a failed renewal
        // is not the only sign of one: the connection's reconnections are counted too.
        boolean reconnected = reconnected();
        long previous = renewedRevision;
        Instant beforeOutage = view.written(memberKey(member)); // this member's last heartbeat the view saw
        if (!renew()) return;
        if (previous == 0 || reconnected || rewatchOwed) {
            if (renewFailed || reconnected || rewatchOwed) {
                rewatchOwed = true; // until a rewatch succeeds: a failed one is tried again on the next tick
                rewatch("the broker is back", beforeOutage);
                rewatchOwed = false;
            }
            renewFailed = false;
            return;
        }
        if (!view.sees(memberKey(member), previous)) {
            if (System.nanoTime() - viewCurrentAt > ttl.toNanos() * 3) rewatch("the bucket's watch lags", null);
            return;
        }
        viewCurrentAt = System.nanoTime();
        if (view.caughtUpFor().compareTo(ttl) < 0) return;
        for (Claimant c : claimants.values()) balance(c);
    }

    /** {@code frozenAt}: when the bucket stopped, by the broker's clock; null when it did not (the present, then). */
    private void rewatch(String why, Instant frozenAt) throws IOException, JetStreamApiException {
        log.info("partition leases: {}; watching the bucket afresh", why);
        LeaseView fresh = new LeaseView(kv, ttl, frozenAt != null ? frozenAt : brokerNow());
        view.close();
        view = fresh;
        viewCurrentAt = System.nanoTime();
    }

    private boolean reconnected() {
        long now = connection.getStatistics().getReconnects();
        boolean changed = now != reconnects;
        reconnects = now;
        return changed;
    }

    private boolean renew() {
        try {
            renewedRevision = heartbeat();
            return true;
        } catch (Exception e) {
            log.debug("partition leases: heartbeat failed: {}", e.toString());
            renewedRevision = 0;
            renewFailed = true;
            return false;
        }
    }

    private long heartbeat() throws IOException, JetStreamApiException {
        return kv.put(memberKey(member), String.join(",", claimants.keySet()));
    }

    /**
     * The broker's present by its own clock: when it stores this member's heartbeat, written now. On a cluster
     * any replica of the bucket may answer the read (direct get), one that does not hold the write yet too.
     */
    private Instant brokerNow() throws IOException, JetStreamApiException {
        long revision = heartbeat();
        for (int attempt = 0; attempt < HEARTBEAT_READS; attempt++) {
            KeyValueEntry e = kv.get(memberKey(member), revision);
            if (e != null) return e.getCreated().toInstant();
            try {
                Thread.sleep(HEARTBEAT_READ_PAUSE_MS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ie);
            }
        }
        throw new IOException("the heartbeat just written (revision " + revision + ") is not readable yet");
    }

    private void balance(Claimant c) throws IOException, JetStreamApiException {
        List<String> members = view.liveMembersRunning(c.durable(), member);
        Set<Integer> mine = c.ownedPartitions();
        for (int p = 0; p < Partitions.COUNT; p++) {
            String key = partitionKey(c.durable(), p);
            LeaseView.Seen holder = view.get(key);
            boolean ourTurn = members.get(p % members.size()).equals(member);
            if (mine.contains(p)) {
                if (holder != null && !holder.value().equals(member)) giveUp(c, p, false); // taken from us
                else if (!ourTurn) giveUp(c, p, true);
            } else if (holder != null && holder.value().equals(member)) {
                adopt(c, p, holder, ourTurn); // ours in the bucket, not here: a hand-back that failed
            } else if (ourTurn && (holder == null || claimable(holder.value(), members, c.takeoverDelay()))) {
                claim(c, p, key, holder);
            }
        }
    }

    /**
     * A dead member's unacknowledged messages come back to its partition's next owner after the ack wait;
     * taking the partition only once they have (they are then delivered first) keeps its order.
     */
    private boolean claimable(String holder, List<String> members, Duration takeoverDelay) {
        if (holder.isEmpty()) return true; // handed back
        if (members.contains(holder)) return false;
        boolean alive = !view.silentFor(holder, ttl);
        return alive || view.silentFor(holder, ttl.plus(takeoverDelay)); // alive: it no longer runs this listener
    }

    private void adopt(Claimant c, int p, LeaseView.Seen holder, boolean ourTurn) throws IOException, JetStreamApiException {
        if (!ourTurn) {
            markFree(partitionKey(c.durable(), p), holder.revision());
            return;
        }
        start(c, p);
    }

    private void claim(Claimant c, int p, String key, LeaseView.Seen holder) {
        try {
            long revision = holder == null ? kv.create(key, member.getBytes()) : kv.update(key, member, holder.revision());
            view.wrote(key, member, revision);
        } catch (IOException | JetStreamApiException e) {
            view.forget(key); // someone else was quicker, or the key aged out: read it afresh next time
            return;
        }
        start(c, p);
    }

    private void start(Claimant c, int p) {
        try {
            c.take(p);
        } catch (RuntimeException e) {
            log.warn("partition leases: {}; handing partition {} back", e.getMessage(), p);
            giveUp(c, p, true);
        }
    }

    /** Stops consuming p; when {@code handBack}, also marks it free so its next owner need not wait. */
    private void giveUp(Claimant c, int p, boolean handBack) {
        c.release(p);
        // Without the broker the hand-back would only wait for its timeout; the others take over after the ttl.
        if (!handBack || connection.getStatus() != Connection.Status.CONNECTED) return;
        String key = partitionKey(c.durable(), p);
        LeaseView.Seen mine = view.get(key);
        if (mine == null || !mine.value().equals(member)) return;
        runQuietly(() -> markFree(key, mine.revision()));
    }

    /** Our partition, free for its next owner at once; a compare-and-set on the revision we hold. */
    private void markFree(String key, long revision) throws IOException, JetStreamApiException {
        view.wrote(key, "", kv.update(key, "", revision));
    }

    private void runOnTicker(Runnable r) {
        try {
            ticker.submit(r).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("partition leases: {}", e.toString());
        }
    }

    private interface KvStep {
        void run() throws Exception;
    }

    private static void runQuietly(KvStep step) {
        try {
            step.run();
        } catch (Exception e) {
            log.debug("partition leases: {}", e.toString());
        }
    }

    static String memberKey(String member) {
        return "m." + member;
    }

    static String partitionKey(String durable, int partition) {
        return "p." + durable + "." + partition;
    }

    private static KeyValue ensureBucket(Connection connection, String bucket, int replicas)
            throws IOException, JetStreamApiException {
        return Buckets.ensure(connection, KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1)
                .storageType(StorageType.File).replicas(replicas).ttl(Duration.ofHours(1)).build());
    }
}
