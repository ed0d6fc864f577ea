package dev.ticketing.proof.chaos;

import dev.ticketing.common.bus.EventBusConfig;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host crash of the broker, or of some of its nodes. nats-server 2.9 acks a publish once it is written
 * to the OS, and fsyncs its stream store every 2 minutes: a host that loses power comes back with less than
 * it acked. Simulated: the replicas are frozen (SIGSTOP, so that what is published from now on is not
 * consumed before the crash), the node's store is copied while the node is frozen (what its disk holds),
 * the drive goes on for the crash window (events published and acked that "the disk" does not have), then
 * for the instant of the crash every other service is frozen too (the count of lost events and the owner's
 * watermark are then exact), the node is killed with kill -9 and its store replaced by the copy, the other
 * services thawed, the node started, and the replicas thawed. Every frozen process is thawed, also when a
 * step fails.
 *
 * <p>Measured: the EVENTS stream's last sequence at the crash and in the store the broker came back with
 * (the events it lost), and the recovery: the time from the broker's return (its client ports answer)
 * until the replicas hold every change the owner had committed at the crash ({@link Watermark}).
 */
final class HostCrash {
    private static final Logger log = LoggerFactory.getLogger(HostCrash.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Which part of the broker crashes. */
    enum Target { BROKER, NODE, ALL_NODES }

    private final Cluster cluster;
    private final Watermark watermark;
    private final Target target;
    private final int node;
    private final String what;
    private final Duration window;
    private final Duration watchAtMost;
    private final String stream;
    private volatile long lastSequenceBefore = -1;
    private volatile long storeLastSequence = -1;
    private volatile int records = -1;
    private volatile int behind = -1;
    private volatile long restartMillis;
    private volatile String leaderBefore;
    private volatile long upMillis;
    private volatile long recoveredMillis;
    private volatile boolean watching;
    private Thread watch;

    /** @param node the node that crashes for {@link Target#NODE}; ignored otherwise */
    HostCrash(Cluster cluster, Watermark watermark, Target target, int node, Duration window, Duration watchAtMost) {
        this.cluster = cluster;
        this.watermark = watermark;
        this.target = target;
        this.node = node;
        this.what = switch (target) {
            case BROKER -> "host crash of nats-server";
            case NODE -> "host crash of broker node n" + node;
            case ALL_NODES -> "host crash of all " + cluster.engine().natsNodes() + " broker nodes";
        };
        this.window = window;
        this.watchAtMost = watchAtMost;
        this.stream = EventBusConfig.defaults(cluster.engine().natsUrl(), "chaos").stream();
    }

    String what() {
        return what;
    }

    /** Strikes, adding to {@code strikes} the replicas' pause and the crash (kill -9 and restore, start). */
    void strike(List<Strike> strikes) throws Exception {
        TestEngine engine = cluster.engine();
        List<ServiceProcess> replicas = cluster.replicas();
        List<ServiceProcess> others = cluster.all().stream().filter(s -> !replicas.contains(s)).toList();
        List<ServiceProcess> frozen = new ArrayList<>();
        log.info("chaos: {}: freezing {} replicas, copying the store, {} s of drive, then the crash", what, replicas.size(),
                window.toSeconds());
        Connection before = connectOrNull(); // now: connecting at the crash would keep the services frozen longer
        long pauseFrom = System.currentTimeMillis();
        long pauseDown = pauseFrom;
        try {
            pause(replicas, frozen);
            pauseDown = System.currentTimeMillis();
            if (target == Target.NODE) engine.snapshotNatsNode(node);
            else engine.snapshotNats();
            log.info("chaos: {}: replicas frozen in {} ms, store copied {} ms later", what, pauseDown - pauseFrom,
                    System.currentTimeMillis() - pauseDown);
            Thread.sleep(window.toMillis());
            Map<String, Long> mark;
            long from = System.currentTimeMillis(), down = from, restart;
            try {
                List<ServiceProcess> crashFrozen = new ArrayList<>();
                try {
                    long crashFrom = System.currentTimeMillis();
                    pause(others, crashFrozen);
                    mark = watermark.owner();
                    records = mark.size();
                    lastSequenceBefore = lastSequenceOrUnknown(before);
                    from = System.currentTimeMillis();
                    if (target == Target.NODE) engine.crashNatsNode(node);
                    else engine.crashNats();
                    down = System.currentTimeMillis();
                    log.info("chaos: {}: services frozen, watermark and EVENTS stream read in {} ms, crashed in {} ms", what,
                            from - crashFrom, down - from);
                } finally {
                    resume(crashFrozen);
                }
            } finally {
                restart = restartMillis = System.currentTimeMillis();
                upMillis = ChaosMonkey.startAndAwait(this::start, this::crashedNodesAnswer);
                strikes.add(new Strike(what, from, down, restart, upMillis, true));
                log.info("chaos: {}: the broker answers again", what);
            }
            watch(mark);
        } finally {
            closeQuietly(before);
            long resumeFrom = System.currentTimeMillis();
            resume(frozen);
            strikes.add(new Strike("SIGSTOP " + replicas.size() + " replicas", pauseFrom, pauseDown, resumeFrom,
                    System.currentTimeMillis(), true));
        }
        storeLastSequence = storeLastSequence(restartMillis);
        log.info("chaos: {}: EVENTS last sequence {} at the crash, {} in the store it came back with", what,
                lastSequenceBefore, storeLastSequence);
    }

    private void start() {
        if (target == Target.NODE) cluster.engine().startNatsNode(node);
        else cluster.engine().startNats();
    }

    /** Events the broker acked and then lost; -1 when not known. */
    long lostEvents() {
        return lastSequenceBefore < 0 || storeLastSequence < 0 ? -1 : Math.max(0, lastSequenceBefore - storeLastSequence);
    }

    /** Milliseconds from the broker's return until the replicas held every change committed before the crash; -1: not (yet). */
    long recoveryMillis() {
        return recoveredMillis == 0 ? -1 : recoveredMillis - upMillis;
    }

    /** Stops watching, once the replicas caught up or after {@code grace}; for the report. */
    void finish(Duration grace) throws InterruptedException {
        if (watch == null) return;
        if (grace.toMillis() > 0) watch.join(grace.toMillis()); // join(0) would wait for the watch's own deadline
        watching = false;
        watch.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** E.g. "host crash of nats-server: 1,204 acked events lost (EVENTS last sequence 2,310 at the crash, ...)". */
    String describe(String recordsName) {
        String lost = lostEvents() < 0 ? "events lost: unknown" : String.format(Locale.ROOT,
                "%d acked events lost (EVENTS last sequence %d at the crash, %d in the store it came back with)",
                lostEvents(), lastSequenceBefore, storeLastSequence);
        String recovery = recoveryMillis() >= 0
                ? String.format(Locale.ROOT, "the replicas held all %d %s committed before it %.1f s after the broker answered",
                records, recordsName, recoveryMillis() / 1000.0)
                : String.format(Locale.ROOT, "recovery NOT reached: %d of %d %s committed before it still behind in the replicas "
                + "when the run ended", behind, records, recordsName);
        String leader = leaderBefore == null ? "" : " (EVENTS leader at the crash: " + leaderBefore + ")";
        return what + leader + ": " + lost + "; " + recovery;
    }

    /** SIGSTOP to all of them at once; each is in {@code frozen} before the signal, for {@link #resume}. */
    private static void pause(List<ServiceProcess> services, List<ServiceProcess> frozen) throws Exception {
        frozen.addAll(services);
        ServiceProcess.pauseAll(services);
    }

    /** SIGCONT to all of them; when that fails, to each one by one (a failure of one does not stop the others). */
    private static void resume(List<ServiceProcess> frozen) throws Exception {
        try {
            ServiceProcess.resumeAll(frozen);
        } catch (Exception all) {
            Exception failure = null;
            for (ServiceProcess s : frozen) {
                try {
                    s.resume();
                } catch (Exception e) {
                    log.error("chaos: could not resume {} (pid {})", s.name(), s.pid(), e);
                    if (failure == null) failure = e;
                }
            }
            if (failure != null) throw failure;
        } finally {
            frozen.clear();
        }
    }

    /** Polls the replicas until they hold the mark; the time it took counts from the broker's return. */
    private void watch(Map<String, Long> mark) {
        watching = true;
        long deadline = System.nanoTime() + watchAtMost.toNanos();
        watch = new Thread(() -> {
            while (watching && System.nanoTime() < deadline) {
                try {
                    int b = watermark.behind(mark);
                    behind = b;
                    if (b == 0) {
                        recoveredMillis = System.currentTimeMillis();
                        log.info("chaos: {}: replicas hold every change committed before it, {} ms after the broker answered",
                                what, recoveredMillis - upMillis);
                        return;
                    }
                } catch (Exception e) {
                    log.debug("chaos: recovery poll failed: {}", e.toString()); // PostgreSQL may be restarting
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "crash-recovery-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private boolean crashedNodesAnswer() {
        String[] urls = cluster.engine().natsUrl().split(",");
        List<String> crashed = target == Target.NODE ? List.of(urls[node - 1]) : List.of(urls);
        for (String u : crashed) {
            URI url = URI.create(u);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 200);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private Connection connect() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(cluster.engine().natsUrl()).connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(0).build());
    }

    private Connection connectOrNull() {
        try {
            return connect();
        } catch (Exception e) {
            log.warn("chaos: cannot connect to the broker before the crash: {}", e.toString());
            return null;
        }
    }

    private static void closeQuietly(Connection nc) {
        if (nc == null) return;
        try {
            nc.close();
        } catch (Exception e) {
            // the broker it was connected to is gone
        }
    }

    private long lastSequenceOrUnknown(Connection nc) {
        if (nc == null) return -1;
        try {
            var info = nc.jetStreamManagement().getStreamInfo(stream);
            if (info.getClusterInfo() != null) leaderBefore = info.getClusterInfo().getLeader();
            return info.getStreamState().getLastSequence();
        } catch (Exception e) {
            log.warn("chaos: EVENTS stream info before the crash failed: {}", e.toString());
            return -1;
        }
    }

    /**
     * The last sequence of the store the broker came back with: every event in it was stored before the
     * copy (taken before the crash), every event published since the restart has a later timestamp. A
     * binary search over the stream's timestamps, as the services publish again at once. Asked until the
     * stream has a leader again (60 s at most; -1 then).
     */
    private long storeLastSequence(long restartedMillis) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Connection nc = connect()) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                StreamState state = jsm.getStreamInfo(stream).getStreamState();
                long lo = Math.max(1, state.getFirstSequence()), hi = state.getLastSequence();
                if (hi == 0 || storedAt(jsm, hi) < restartedMillis) return hi;
                while (lo < hi) {
                    long mid = lo + (hi - lo) / 2;
                    if (storedAt(jsm, mid) >= restartedMillis) hi = mid;
                    else lo = mid + 1;
                }
                return lo - 1;
            } catch (Exception e) {
                last = e;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        log.warn("chaos: the EVENTS stream did not answer within 60 s after the crash: {}", String.valueOf(last));
        return -1;
    }

    private long storedAt(JetStreamManagement jsm, long seq) throws IOException, JetStreamApiException {
        return jsm.getMessage(stream, seq).getTime().toInstant().toEpochMilli();
    }
}
