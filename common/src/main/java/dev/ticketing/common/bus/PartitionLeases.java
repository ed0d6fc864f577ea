package dev.ticketing.common.bus;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
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
 * <p>Each process sends a heartbeat every {@code renewEvery}, a plain NATS message (nothing stored, nothing
 * replicated) on one subject per queue group it runs, naming its listeners; the members of a group hear each
 * other. A member is live while it was heard within {@code ttl}. The key-value bucket holds, per listener and
 * partition, {@code p.<durable>.<partition>} = the member that consumes it. A partition belongs to the live
 * members running its listener in turn ({@code partition % n} of their sorted ids). Taking a partition is a
 * compare-and-set on its key, so two members never both win it; a dead member's partition is taken once its
 * unacknowledged messages have come back (see {@link #silenceBeforeTakeover}); the member that finds its partition taken stops
 * consuming it. Correctness never rests on this: the replicas' version and sequence rules absorb a message
 * applied out of turn. It only keeps that rare.
 */
final class PartitionLeases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionLeases.class);
    static final String PARTITION_KEYS = "p.>";
    /** Every so many ticks the bucket's last revision is compared with the view's. */
    private static final int WATCH_CHECK_TICKS = 10;

    /** The side that consumes: told to start or stop one partition. */
    interface Claimant {
        String durable();

        /** Its queue group: the members that may share its partitions. */
        String group();

        int partitionCount();

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
    private final KeyValue kv;
    private final Connection connection;
    private final String heartbeatPrefix;
    private final Dispatcher heartbeats;
    private final Duration ttl;
    private final Duration renewEvery;
    private final Map<String, Claimant> claimants = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private volatile LeaseView view;
    // The ticker's own state.
    private long beat;
    private long ticks;
    private long behindAtLastCheck = -1;
    private long viewCurrentAt = System.nanoTime();
    private volatile boolean rewatchOwed;

    PartitionLeases(Connection connection, String bucket, int replicas, Duration ttl, Duration renewEvery)
            throws IOException, JetStreamApiException {
        this.ttl = ttl;
        this.renewEvery = renewEvery;
        this.connection = connection;
        this.kv = ensureBucket(connection, bucket, replicas);
        this.heartbeatPrefix = bucket + ".heartbeat.";
        this.view = new LeaseView(kv, bucketRevision());
        this.heartbeats = connection.createDispatcher(this::heard);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partition-leases");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tickQuietly, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The broker is back ({@link BrokerEvents#onBack}): a bucket watch does not survive a broker restart. */
    void brokerBack() {
        rewatchOwed = true;
    }

    void join(Claimant c) {
        if (claimants.values().stream().noneMatch(other -> other.group().equals(c.group()))) {
            heartbeats.subscribe(heartbeatPrefix + c.group());
        }
        claimants.put(c.durable(), c);
    }

    /** Hands every partition of the claimant back at once, so the others need not wait for a timeout. */
    void leave(Claimant c) {
        runOnTicker(() -> {
            claimants.remove(c.durable());
            for (int p : c.ownedPartitions()) giveUp(c, p, true);
            sendHeartbeat(Set.of(c.group())); // no longer naming it: the others' turns change at once
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
        try {
            if (heartbeats.isActive()) connection.closeDispatcher(heartbeats);
        } catch (IllegalStateException closedFirst) {
            log.debug("partition leases: the connection was closed first: {}", closedFirst.toString());
        }
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
     * Sends the heartbeat, then balances, but only on a view that is current (our previous heartbeat came back)
     * and old enough (a ttl) that every live member has been heard. A broker outage does not stop the partitions
     * held: nothing arrives meanwhile anyway, and they go on at once when it is back; the view is started afresh
     * then, since the bucket's watch does not survive a broker restart and nobody was heard meanwhile.
     */
    private void tick() {
        if (rewatchOwed) {
            rewatchOwed = false;
            try {
                rewatch("the broker is back");
            } catch (RuntimeException e) {
                rewatchOwed = true; // tried again on the next tick
                throw e;
            }
        }
        long previous = beat;
        sendHeartbeat(groups());
        if (!view.heardOwn(member, previous)) {
            if (System.nanoTime() - viewCurrentAt > ttl.toNanos() * 3) rewatch("the heartbeats lag");
            return;
        }
        viewCurrentAt = System.nanoTime();
        if (++ticks % WATCH_CHECK_TICKS == 0 && watchStalled()) {
            rewatch("the bucket's watch lags");
            return;
        }
        if (view.currentFor().compareTo(ttl) < 0) return;
        for (Claimant c : claimants.values()) {
            try {
                balance(c);
            } catch (IOException | JetStreamApiException e) {
                log.debug("partition leases: {}", e.toString());
            }
        }
    }

    /**
     * A watch can stop without a word when the node that served it restarts while this process stays connected to
     * another: stalled, when the bucket is ahead of the view at two checks in a row and the view did not move.
     */
    private boolean watchStalled() {
        long bucket;
        try {
            bucket = bucketRevision();
        } catch (IOException | JetStreamApiException e) {
            return false; // the broker does not answer: nothing to compare
        }
        long seen = view.highestRevision();
        boolean stalled = bucket > seen && behindAtLastCheck == seen;
        behindAtLastCheck = bucket > seen ? seen : -1;
        return stalled;
    }

    private long bucketRevision() throws IOException, JetStreamApiException {
        try {
            return kv.getStatus().getBackingStreamInfo().getStreamState().getLastSequence();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void rewatch(String why) {
        log.info("partition leases: {}; watching the bucket afresh", why);
        long revision;
        try {
            revision = bucketRevision();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot read the lease bucket", e);
        }
        behindAtLastCheck = -1;
        LeaseView fresh = new LeaseView(kv, revision);
        view.close();
        view = fresh;
        viewCurrentAt = System.nanoTime();
    }

    private Set<String> groups() {
        Set<String> groups = new HashSet<>();
        claimants.values().forEach(c -> groups.add(c.group()));
        return groups;
    }

    /** "member beat durable,durable": on each group's subject, naming every listener this member runs. */
    private void sendHeartbeat(Set<String> groups) {
        beat++;
        byte[] body = (member + " " + beat + " " + String.join(",", claimants.keySet())).getBytes(StandardCharsets.UTF_8);
        for (String group : groups) connection.publish(heartbeatPrefix + group, body);
    }

    private void heard(Message m) {
        String[] parts = new String(m.getData(), StandardCharsets.UTF_8).split(" ", 3);
        if (parts.length < 2) return;
        Set<String> durables = parts.length == 3 && !parts[2].isEmpty() ? Set.of(parts[2].split(",")) : Set.of();
        try {
            view.heard(parts[0], Long.parseLong(parts[1]), durables);
        } catch (NumberFormatException e) {
            log.debug("partition leases: a heartbeat that is not one: {}", e.toString());
        }
    }

    private void balance(Claimant c) throws IOException, JetStreamApiException {
        List<String> members = view.liveMembersRunning(c.durable(), member, ttl);
        Set<Integer> mine = c.ownedPartitions();
        for (int p = 0; p < c.partitionCount(); p++) {
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

    private boolean claimable(String holder, List<String> members, Duration takeoverDelay) {
        if (holder.isEmpty()) return true; // handed back
        if (members.contains(holder)) return false;
        boolean alive = !view.silentFor(holder, ttl);
        return alive || view.silentFor(holder, silenceBeforeTakeover(ttl, renewEvery, takeoverDelay)); // alive: it no longer runs this listener
    }

    /**
     * A dead member's unacknowledged messages come back to its partition's next owner an ack wait after they were
     * sent to it; taking the partition only once they have (they are then delivered first) keeps its order. A
     * member silent for the ttl died at least the ttl less one heartbeat period ago, after the last message it
     * got, so only the part of the ack wait that this does not cover is waited for on top of the ttl.
     */
    static Duration silenceBeforeTakeover(Duration ttl, Duration renewEvery, Duration ackWait) {
        Duration covered = ttl.minus(renewEvery);
        return ackWait.compareTo(covered) > 0 ? ttl.plus(ackWait.minus(covered)) : ttl;
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

    static String partitionKey(String durable, int partition) {
        return "p." + durable + "." + partition;
    }

    private static KeyValue ensureBucket(Connection connection, String bucket, int replicas)
            throws IOException, JetStreamApiException {
        return Buckets.ensure(connection, KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1)
                .storageType(StorageType.File).replicas(replicas).ttl(Duration.ofHours(1)).build());
    }
}
