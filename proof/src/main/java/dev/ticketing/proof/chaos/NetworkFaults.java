package dev.ticketing.proof.chaos;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestHosts;
import dev.ticketing.proof.ProofOptions.Cut;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.common.bus.StreamLookup;
import dev.ticketing.proof.check.Db;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network partitions between the test hosts of a run across hosts ({@link Cluster#hosts}), one after the other
 * during the drive: each cuts its links for a while and heals them, then records when the broker's leaders answer
 * again and when the replicas hold every change the owner had committed at the heal ({@link Watermark}); the next
 * partition strikes only then.
 */
public final class NetworkFaults {
    private static final Logger log = LoggerFactory.getLogger(NetworkFaults.class);
    /** How far into the drive each partition strikes. */
    private static final Map<Cut, Double> DUE_AT = Map.of(Cut.NODE, 0.15, Cut.OWNER_PG, 0.3, Cut.REPLICA_BROKER, 0.42,
            Cut.REPLICA_PG, 0.54, Cut.BRIDGE, 0.66, Cut.OWNER_BROKER, 0.8);
    private static final Duration WATCH_AT_MOST = Duration.ofSeconds(180);

    private final Cluster cluster;
    private final Set<Cut> asked;
    private final Duration cutFor;
    private final Watermark watermark;
    private final Consumer<Strike> strikes;
    private final List<Partition> done = new CopyOnWriteArrayList<>();
    /** The events stream the services use. */
    private final String stream;

    NetworkFaults(Cluster cluster, Set<Cut> asked, Duration cutFor, Watermark watermark, Consumer<Strike> strikes) {
        if (!asked.isEmpty() && cluster.hosts() == null) throw new IllegalArgumentException("partitions need test hosts");
        this.cluster = cluster;
        this.asked = asked;
        this.cutFor = cutFor;
        this.watermark = watermark;
        this.strikes = strikes;
        this.stream = EventBusConfig.defaults(cluster.engine().natsUrl(), "chaos").stream();
    }

    /** One partition struck: when it healed, and how long the replicas took after that (-1: not yet, or never). */
    private static final class Partition {
        final Cut cut;
        final long healedNanos;
        long answeredMillis = -1;
        long consumersAnsweredMillis = -1;
        long publishedMillis = -1;
        long convergedMillis = -1;

        Partition(Cut cut, long healedNanos) {
            this.cut = cut;
            this.healedNanos = healedNanos;
        }
    }

    /** Strikes the partitions due at this fraction of the drive (on the chaos thread, one at a time). */
    void poll(double fraction) throws Exception {
        for (Cut cut : Cut.values()) {
            if (asked.contains(cut) && fraction >= DUE_AT.get(cut) && done.stream().noneMatch(p -> p.cut == cut)) strike(cut);
        }
    }

    boolean owed() {
        return done.size() < asked.size();
    }

    public int partitions() {
        return done.size();
    }

    private void strike(Cut cut) throws Exception {
        TestHosts hosts = cluster.hosts();
        log.info("chaos: partition {}: {} for {} s", cut.option, describe(cut), cutFor.toSeconds());
        long from = System.currentTimeMillis();
        long down = from;
        long restart = from;
        try {
            apply(cut, hosts, cluster.engine());
            down = System.currentTimeMillis();
            Thread.sleep(cutFor.toMillis());
        } finally {
            restart = System.currentTimeMillis();
            hosts.heal();
            long healed = System.nanoTime();
            strikes.accept(new Strike("partition " + cut.option, from, down, restart, System.currentTimeMillis(), true,
                    "cut", "heal"));
            log.info("chaos: partition {} healed", cut.option);
            Partition p = new Partition(cut, healed);
            done.add(p);
            watch(p); // the next partition only after this one's figures: one fault at a time
        }
    }

    private static void apply(Cut cut, TestHosts hosts, TestEngine engine) {
        switch (cut) {
            case NODE -> hosts.isolate(2, 1, 3);
            case REPLICA_BROKER -> cutFromBroker(2, hosts, engine);
            case REPLICA_PG -> hosts.cut(3, Cluster.PG_HOST);
            case BRIDGE -> hosts.cut(1, 3);
            case OWNER_BROKER -> cutFromBroker(1, hosts, engine);
            case OWNER_PG -> hosts.cut(1, Cluster.PG_HOST);
        }
    }

    /** The host's processes lose every broker node's client port (the nodes' routes stay). */
    private static void cutFromBroker(int host, TestHosts hosts, TestEngine engine) {
        for (int node = 1; node <= engine.natsNodes(); node++) hosts.cut(host, node, engine.natsPort(node));
    }

    /**
     * From the heal, polls four things together and records when each first held: the events stream's leader
     * answers; every consumer of the stream answers (the broker's own elections: a node that was cut off may force
     * them); the owner's outbox has published what was committed before the heal; the replicas hold every change
     * committed before the heal.
     */
    private void watch(Partition p) {
        try (Connection nc = connect()) {
            Map<String, Long> mark = watermark.owner();
            long deadline = p.healedNanos + WATCH_AT_MOST.toNanos();
            StreamLookup lookup = StreamLookup.of(nc, stream);
            List<String> consumers = null;
            while (System.nanoTime() < deadline && p.convergedMillis < 0 | p.consumersAnsweredMillis < 0
                    | p.publishedMillis < 0 | p.answeredMillis < 0) {
                if (p.answeredMillis < 0 && streamLeaderAnswers(lookup)) p.answeredMillis = sinceHeal(p);
                if (consumers == null && p.answeredMillis >= 0) consumers = consumerNames(nc);
                if (consumers != null && p.consumersAnsweredMillis < 0 && consumers.stream().allMatch(c -> answers(nc, c))) {
                    p.consumersAnsweredMillis = sinceHeal(p);
                }
                if (p.publishedMillis < 0 && outboxPublished(p.healedNanos)) p.publishedMillis = sinceHeal(p);
                if (p.convergedMillis < 0 && watermark.behind(mark) == 0) p.convergedMillis = sinceHeal(p);
                Thread.sleep(100);
            }
        } catch (Exception e) {
            log.warn("chaos: partition {}: the watch failed: {}", p.cut.option, e.toString());
        }
    }

    private static long sinceHeal(Partition p) {
        return (System.nanoTime() - p.healedNanos) / 1_000_000;
    }

    private Connection connect() throws IOException, InterruptedException {
        return Nats.connect(Options.builder().server(cluster.engine().natsUrl()).connectionTimeout(Duration.ofSeconds(2)).build());
    }


    /** Only the stream's leader answers a message get of the first message with the message. */
    private static boolean streamLeaderAnswers(StreamLookup lookup) {
        try {
            return lookup.messageIdAt(1) != null;
        } catch (IOException e) {
            return false; // no leader yet
        }
    }

    /**
     * Only a consumer's leader answers its info request. Each consumer is a Raft group of its own, and a node back
     * from a partition with a higher term forces elections in the groups it campaigned in (nats-server 2.9 has no
     * pre-vote, and its election timeout is 4-9 s).
     */
    private boolean answers(Connection nc, String consumer) {
        try {
            Message m = nc.request("$JS.API.CONSUMER.INFO." + stream + "." + consumer, new byte[0], Duration.ofMillis(500));
            return m != null && !new String(m.getData(), StandardCharsets.UTF_8).contains("\"error\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The stream's consumers, or null while the broker's meta group cannot say (10008 after a partition): looked for again. */
    private List<String> consumerNames(Connection nc) throws InterruptedException {
        try {
            return nc.jetStreamManagement().getConsumerNames(stream);
        } catch (IOException | JetStreamApiException e) {
            return null;
        }
    }

    /** No row of the owner's outbox committed before the heal is still unpublished (false while PostgreSQL does not answer). */
    private boolean outboxPublished(long healedNanos) {
        String oldestPendingMillis = "select coalesce(extract(epoch from clock_timestamp() - min(created_at)) * 1000, 0)::bigint"
                + " from outbox where sent_at is null";
        long[] oldest = {Long.MAX_VALUE};
        try {
            Db.query(watermark.ownerUrl(), oldestPendingMillis, rs -> oldest[0] = rs.getLong(1));
        } catch (SQLException e) {
            return false;
        }
        return oldest[0] < (System.nanoTime() - healedNanos) / 1_000_000;
    }

    static String describe(Cut cut) {
        return switch (cut) {
            case NODE -> "host 2 (n2, the odd replicas) cut off from hosts 1 and 3";
            case REPLICA_BROKER -> "host 2 (the odd replicas) cut off from every broker node's client port";
            case REPLICA_PG -> "host 3 (n3, the even replicas) cut off from PostgreSQL (host 4)";
            case BRIDGE -> "hosts 1 and 3 cut off from each other, both still see host 2";
            case OWNER_BROKER -> "host 1 (the owner and the other services) cut off from every broker node's client port";
            case OWNER_PG -> "host 1 (the owner and the other services) cut off from PostgreSQL (host 4)";
        };
    }

    /** Each partition, for the report (after the chaos thread ended). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Partition p : done) {
            lines.add(String.format(Locale.ROOT, "partition: %s: %s for %.1f s; after the heal the events stream's leader "
                    + "answered in %s, every consumer of the stream in %s (the broker's elections), the owner's outbox had published what was committed before it in %s, and the replicas "
                    + "held every change committed before it %s", p.cut.option, describe(p.cut), cutFor.toMillis() / 1000.0,
                    seconds(p.answeredMillis), seconds(p.consumersAnsweredMillis), seconds(p.publishedMillis),
                    p.convergedMillis < 0 ? "not within " + WATCH_AT_MOST.toSeconds() + " s" : "in " + seconds(p.convergedMillis)
                            + afterElections(p)));
        }
        return lines;
    }

    private static String afterElections(Partition p) {
        if (p.consumersAnsweredMillis < 0) return "";
        long after = p.convergedMillis - p.consumersAnsweredMillis;
        return after < 0 ? ", before the elections ended" : ", " + seconds(after) + " after the elections ended";
    }

    private static String seconds(long millis) {
        return millis < 0 ? "not" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The longest heal-to-leaders time (the events stream and every consumer of it), in ms; -1 when one did not answer. */
    public long maxElectionMillis() {
        return Longest.of(done, p -> p.consumersAnsweredMillis);
    }

    /** The longest time from the broker's leaders answering to the replicas' convergence, in ms; -1 when not reached. */
    public long maxConvergedAfterElectionMillis() {
        return Longest.of(done, p -> p.convergedMillis < 0 || p.consumersAnsweredMillis < 0 ? -1
                : Math.max(0, p.convergedMillis - p.consumersAnsweredMillis));
    }

    /** The longest heal-to-converged time, in ms; -1 when one did not converge. */
    public long maxConvergedMillis() {
        return Longest.of(done, p -> p.convergedMillis);
    }
}
