package dev.ticketing.proof.chaos;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.ProofOptions.NodeKill;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import dev.ticketing.proof.load.Progress;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strikes while a drive runs: the broker goes down at 30 % of the drive for the set time, PostgreSQL
 * restarts at 60 %, and a replica (orders, accounts) is killed with SIGKILL at 20 % and then every few seconds
 * (restarted at once, so its unacked messages are redelivered to the others after the ack wait). On a broker
 * cluster, one node (a random one, or the leader of the events stream) is killed with SIGKILL at 40 % and
 * started again after a few seconds. Host crashes of the broker ({@link HostCrash}): the one node at 35 %, on
 * a cluster one random node at 45 % and all three nodes at 50 % (early, so that even a short drive still
 * publishes during the crash window). Pauses (SIGSTOP, then SIGCONT): a random replica at 55 %, nats-server
 * (on a cluster the node that leads the events stream) at 70 %; resumed also when the strike fails.
 * started again after a few seconds. One service JVM's wall clock steps +5 s and -5 s from 25 % on ({@link ClockStep}).
 * On test hosts, network partitions from 22 % on, one after the other ({@link NetworkFaults}).
 * Every configured strike happens at least once, even when the drive ends before it came due.
 */
public final class ChaosMonkey implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChaosMonkey.class);
    /** How long a node kill waits for the events stream to have a leader before it strikes. */
    private static final Duration LEADER_WAIT = Duration.ofSeconds(60);
    private final Cluster cluster;
    private final ProofOptions options;
    private final Progress progress;
    private final Random random = new Random();
    private final Thread thread = new Thread(this, "chaos");
    private volatile int kills;
    private volatile int brokerOutages;
    private volatile int pgRestarts;
    private volatile int nodeKills;
    private volatile String nodeKillDetail = "";
    private final List<Strike> strikes = new CopyOnWriteArrayList<>();
    private final List<HostCrash> crashes = new CopyOnWriteArrayList<>();
    private final Watermark watermark;
    private volatile boolean brokerCrashed;
    private volatile boolean nodeCrashed;
    private volatile boolean allNodesCrashed;
    private volatile int replicaPauses;
    private volatile int brokerPauses;
    private final ClockStep clockStep;
    private final NetworkFaults networkFaults;
    private volatile Exception failure;

    /** @param watermark what the replicas must hold after a broker crash (its recovery time) */
    public ChaosMonkey(Cluster cluster, ProofOptions options, Progress progress, Watermark watermark) {
        this.cluster = cluster;
        this.options = options;
        this.progress = progress;
        this.watermark = watermark;
        this.clockStep = new ClockStep(cluster, options, strikes::add);
        this.networkFaults = new NetworkFaults(cluster, options.cuts(), options.cutFor(), watermark, strikes::add);
    }

    public void start() {
        if (options.chaos()) thread.start();
    }

    /** Waits for the strike in progress to end (the broker and PostgreSQL are up again after it). */
    public void finish() throws Exception {
        thread.join();
        if (failure != null) throw failure;
    }

    public int kills() {
        return kills;
    }

    public int brokerOutages() {
        return brokerOutages;
    }

    public int pgRestarts() {
        return pgRestarts;
    }

    public int nodeKills() {
        return nodeKills;
    }

    public ClockStep clockStep() {
        return clockStep;
    }

    public NetworkFaults networkFaults() {
        return networkFaults;
    }

    /** Every strike so far, in order, on the wall clock. */
    public List<Strike> strikes() {
        return List.copyOf(strikes);
    }

    public int replicaPauses() {
        return replicaPauses;
    }

    public int brokerPauses() {
        return brokerPauses;
    }

    /** Host crashes of the broker so far. */
    public int crashes() {
        return crashes.size();
    }

    /** Events the broker acked and lost in its crashes; -1 when one's count is not known. */
    public long crashLostEvents() {
        long sum = 0;
        for (HostCrash c : crashes) {
            if (c.lostEvents() < 0) return -1;
            sum += c.lostEvents();
        }
        return sum;
    }

    /**
     * The longest recovery of the crashes (broker answers again -> the replicas hold every change committed
     * before the crash), in ms; -1 when one did not recover within the run.
     */
    public long crashRecoveryMillis() {
        return Longest.of(crashes, HostCrash::recoveryMillis);
    }

    /**
     * Ends the crashes' recovery watches: each gets {@code grace} to see the replicas caught up (they poll
     * every 100 ms); one line per crash, for the report.
     */
    public List<String> finishCrashes(Duration grace, String recordsName) throws InterruptedException {
        List<String> lines = new java.util.ArrayList<>();
        for (HostCrash c : crashes) {
            c.finish(grace);
            lines.add("crash: " + c.describe(recordsName));
        }
        return lines;
    }

    /** Which broker node was killed and who led the events stream then, e.g. " (n2, EVENTS leader n2 -> n3)". */
    public String nodeKillDetail() {
        return nodeKillDetail;
    }

    @Override
    public void run() {
        try {
            long nextKill = -1;
            while (!progress.finished() || strikesOwed()) {
                double f = progress.finished() ? 1 : progress.fraction();
                if (killsLeft() && f >= 0.2 && System.nanoTime() >= nextKill) {
                    killOne();
                    nextKill = System.nanoTime() + options.killEvery().toNanos();
                }
                // In the order of their fractions: strikes run one after the other on this thread.
                if (!options.brokerOutage().isZero() && brokerOutages == 0 && f >= 0.3) brokerOutage();
                if (options.brokerCrash() && !brokerCrashed && f >= 0.35) {
                    brokerCrashed = true;
                    crash(HostCrash.Target.BROKER, 1);
                }
                if (options.nodeKill() != NodeKill.NONE && nodeKills == 0 && f >= 0.4) nodeKill();
                if (options.nodeCrash() && !nodeCrashed && f >= 0.45) {
                    nodeCrashed = true;
                    crash(HostCrash.Target.NODE, 1 + random.nextInt(cluster.engine().natsNodes()));
                }
                if (options.allNodesCrash() && !allNodesCrashed && f >= 0.5) {
                    allNodesCrashed = true;
                    crash(HostCrash.Target.ALL_NODES, 0);
                }
                if (!options.pauseReplica().isZero() && replicaPauses == 0 && f >= 0.55) pauseReplica();
                if (options.pgRestart() && pgRestarts == 0 && f >= 0.6) pgRestart();
                if (!options.pauseBroker().isZero() && brokerPauses == 0 && f >= 0.7) pauseBroker();
                clockStep.poll(f);
                networkFaults.poll(f);
                Thread.sleep(20);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** A short drive may end before a strike came due: every configured strike still happens once. */
    private boolean strikesOwed() {
        return (!options.killEvery().isZero() && kills == 0) || (!options.brokerOutage().isZero() && brokerOutages == 0)
                || (options.pgRestart() && pgRestarts == 0) || (options.nodeKill() != NodeKill.NONE && nodeKills == 0)
                || (options.brokerCrash() && !brokerCrashed) || (options.nodeCrash() && !nodeCrashed)
                || (options.allNodesCrash() && !allNodesCrashed)
                || (!options.pauseReplica().isZero() && replicaPauses == 0) || (!options.pauseBroker().isZero() && brokerPauses == 0)
                || clockStep.owed() || networkFaults.owed();
    }

    private boolean killsLeft() {
        return !options.killEvery().isZero() && (options.maxKills() == 0 || kills < options.maxKills());
    }

    private void killOne() throws Exception {
        ServiceProcess victim = cluster.replicas().get(random.nextInt(cluster.replicas().size()));
        log.info("chaos: kill -9 {} (pid {})", victim.name(), victim.pid());
        long from = System.currentTimeMillis();
        victim.kill9();
        long down = System.currentTimeMillis();
        kills++;
        Thread.sleep(300);
        long restart = System.currentTimeMillis();
        victim.start();
        strikes.add(new Strike("kill -9 " + victim.name(), from, down, restart, System.currentTimeMillis(), false));
    }

    private void brokerOutage() throws InterruptedException {
        outage("nats-server", options.brokerOutage(), cluster.engine()::stopNats, () -> brokerOutages++,
                cluster.engine()::startNats, this::natsAnswers);
    }

    private void nodeKill() throws Exception {
        String leader = awaitEventsLeader();
        int victim = options.nodeKill() == NodeKill.LEADER ? TestEngine.nodeOf(leader)
                : 1 + random.nextInt(cluster.engine().natsNodes());
        log.info("chaos: kill -9 broker node n{} (EVENTS leader: {}) for {} s", victim, leader, options.nodeDown().toSeconds());
        long from = System.currentTimeMillis();
        cluster.engine().killNatsNode(victim);
        long down = System.currentTimeMillis();
        nodeKills++;
        long restart = down;
        try {
            Thread.sleep(options.nodeDown().toMillis());
            nodeKillDetail = " (n" + victim + ", EVENTS leader " + leader + " -> " + eventsLeaderIfKnown() + ")";
            restart = System.currentTimeMillis();
        } finally {
            cluster.engine().startNatsNode(victim);
            strikes.add(new Strike("kill -9 broker node n" + victim, from, down, restart, System.currentTimeMillis(), false));
            log.info("chaos: broker node n{} is back{}", victim, nodeKillDetail);
        }
    }

    /** For the report only: an election still under way is no failure of the run. */
    private String eventsLeaderIfKnown() {
        try {
            return eventsLeader();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The events stream's leader, waiting for one (the broker may be back from an outage and still electing). */
    private String awaitEventsLeader() throws Exception {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            try {
                String leader = eventsLeader();
                if (leader != null && !leader.isBlank()) return leader; // none during an election
                if (System.nanoTime() > deadline) throw new IOException("the events stream has no leader");
            } catch (IOException | JetStreamApiException e) {
                if (System.nanoTime() > deadline) throw e;
            }
            Thread.sleep(250);
        }
    }

    /** The server name of the node that leads the events stream now. */
    private String eventsLeader() throws Exception {
        try (Connection nc = Nats.connect(cluster.engine().natsUrl())) {
            String stream = EventBusConfig.defaults(cluster.engine().natsUrl(), "chaos").stream();
            return nc.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
        }
    }

    /**
     * Freezes a random replica for longer than its partition leases and the ack wait last: the others take
     * its partitions and get its unacked messages again; when it is thawed it finds its partitions taken
     * and its messages in hand redelivered elsewhere. With no more replicas than partitions, each one that
     * runs holds partitions of every listener.
     */
    private void pauseReplica() throws Exception {
        List<ServiceProcess> running = cluster.replicas().stream().filter(ServiceProcess::isAlive).toList();
        if (running.isEmpty()) return;
        ServiceProcess victim = running.get(random.nextInt(running.size()));
        log.info("chaos: SIGSTOP {} (pid {}) for {} s", victim.name(), victim.pid(), options.pauseReplica().toSeconds());
        long from = System.currentTimeMillis();
        long down = from, restart = from;
        try {
            replicaPauses++;
            victim.pause();
            down = System.currentTimeMillis();
            Thread.sleep(options.pauseReplica().toMillis());
        } finally {
            restart = System.currentTimeMillis();
            victim.resume();
            strikes.add(new Strike("SIGSTOP " + victim.name(), from, down, restart, System.currentTimeMillis(), false));
            log.info("chaos: SIGCONT {}", victim.name());
        }
    }

    /**
     * Freezes nats-server (one node: the broker; a cluster: the node that leads the events stream, whose
     * followers elect another leader meanwhile) and thaws it.
     */
    private void pauseBroker() throws Exception {
        int node = 1;
        String detail = "nats-server";
        if (cluster.engine().natsNodes() > 1) {
            String leader = eventsLeader();
            node = TestEngine.nodeOf(leader);
            detail = "broker node " + leader + " (EVENTS leader)";
        }
        log.info("chaos: SIGSTOP {} for {} s", detail, options.pauseBroker().toSeconds());
        long from = System.currentTimeMillis();
        long down = from, restart = from;
        try {
            brokerPauses++;
            cluster.engine().pauseNatsNode(node);
            down = System.currentTimeMillis();
            Thread.sleep(options.pauseBroker().toMillis());
        } finally {
            restart = System.currentTimeMillis();
            cluster.engine().resumeNatsNode(node);
            strikes.add(new Strike("SIGSTOP " + detail, from, down, restart, System.currentTimeMillis(),
                    cluster.engine().natsNodes() == 1));
            log.info("chaos: SIGCONT {}", detail);
        }
    }

    private void crash(HostCrash.Target target, int node) throws Exception {
        HostCrash crash = new HostCrash(cluster, watermark, target, node, options.crashWindow(),
                options.quietTimeout().plus(Duration.ofSeconds(60)));
        crashes.add(crash);
        crash.strike(strikes);
    }

    private void pgRestart() throws InterruptedException {
        outage("PostgreSQL", options.pgDown(), cluster.engine()::stopPostgres, () -> pgRestarts++,
                cluster.engine()::startPostgres, this::postgresAnswers);
    }

    /** Stops a part of the engine, counts it, keeps it down for {@code downFor}, and starts it again. */
    private void outage(String part, Duration downFor, Runnable stop, Runnable count, Runnable start,
                        BooleanSupplier answers) throws InterruptedException {
        log.info("chaos: stopping {} for {} s", part, downFor.toSeconds());
        long from = System.currentTimeMillis();
        stop.run();
        long down = System.currentTimeMillis();
        count.run();
        long restart = down;
        try {
            Thread.sleep(downFor.toMillis());
            restart = System.currentTimeMillis();
        } finally {
            long up = startAndAwait(start, answers);
            strikes.add(new Strike(part, from, down, restart, up, true));
            log.info("chaos: {} is back", part);
        }
    }

    /**
     * Runs {@code start} (the engine script) and returns when the part first answered a probe: the script
     * returns later than that (it waits in 100 ms steps, and checks the databases after PostgreSQL is up).
     */
    static long startAndAwait(Runnable start, BooleanSupplier answers) throws InterruptedException {
        AtomicLong answered = new AtomicLong();
        Thread prober = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() == 0 && System.nanoTime() < deadline) {
                if (answers.getAsBoolean()) answered.compareAndSet(0, System.currentTimeMillis());
                else LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }, "chaos-probe");
        prober.start();
        try {
            start.run();
        } finally {
            answered.compareAndSet(0, System.currentTimeMillis());
            prober.join();
        }
        return answered.get();
    }

    /** The client port opens once JetStream has restored its streams and consumers. */
    private boolean natsAnswers() {
        URI url = URI.create(cluster.engine().natsUrl().split(",")[0]);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean postgresAnswers() {
        try (java.sql.Connection c = DriverManager.getConnection(cluster.engine().jdbcUrl("postgres"), "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
