package dev.ticketing.proof;

import dev.ticketing.proof.chaos.ChaosMonkey;
import dev.ticketing.proof.chaos.ClockStep;
import dev.ticketing.proof.chaos.Strike;
import dev.ticketing.proof.check.Evidence;
import dev.ticketing.proof.check.LeaseWatch;
import dev.ticketing.proof.check.ListenerCounters;
import dev.ticketing.proof.check.Percentiles;
import dev.ticketing.proof.check.Verdict;
import dev.ticketing.proof.load.ServerFailures;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.Progress;
import dev.ticketing.proof.scenario.Scenario;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One proof run: start the system, drive it under chaos, wait for the replicas, compare, report. */
final class ProofRun {
    private static final Logger log = LoggerFactory.getLogger(ProofRun.class);
    private final ProofOptions options;
    private final Scenario scenario;

    ProofRun(ProofOptions options) {
        this.options = options;
        this.scenario = Scenario.of(options);
    }

    boolean run() throws Exception {
        try (Cluster cluster = Cluster.start(options.root(), scenario.layout(), options.replicas(), scenario.environment(),
                options.natsNodes(), options.clockStep() ? ClockStep.victim(scenario.layout()) : null, options.hosts());
             ListenerCounters counters = new ListenerCounters(cluster.replicas());
             LeaseWatch leases = new LeaseWatch(cluster.replicas())) {
            Progress progress = new Progress(scenario.jobs());
            ChaosMonkey chaos = new ChaosMonkey(cluster, options, progress, scenario.watermark(cluster));
            chaos.start();
            long driveStart = System.nanoTime();
            long driveStartMillis = System.currentTimeMillis();
            log.info("scenario {}: {} units of work on {} clients", options.scenario(), scenario.jobs(), options.clients());
            DriveResult drive = scenario.drive(cluster, new Api(Cluster.JWT_KEY, options.pgDown().plus(options.brokerOutage())), progress);
            progress.finish();
            chaos.finish();
            log.info("drive done in {} ms; waiting for the replicas", drive.took().toMillis());
            Verdict verdict = awaitConvergence(cluster);
            if (!verdict.converged() && scenario.layout() != Cluster.Layout.ACCOUNTING) {
                Evidence.of(cluster).forEach(System.out::println);
            }
            Duration endToEnd = Duration.ofNanos(System.nanoTime() - driveStart);
            List<String> faultLines = new java.util.ArrayList<>(
                    chaos.finishCrashes(verdict.converged() ? Duration.ofSeconds(5) : Duration.ZERO, records()));
            faultLines.addAll(chaos.networkFaults().describe());
            counters.scrapeNow();
            long deadLetters = deadLetters(cluster.engine().natsUrl());
            LagTimeline timeline = new LagTimeline(verdict.lags(), chaos.strikes(), driveStartMillis);
            leases.close();
            faultLines.add(leases.describe());
            return report(drive, verdict, endToEnd, counters, chaos, deadLetters, timeline, faultLines, leases);
        }
    }

    private Verdict awaitConvergence(Cluster cluster) throws Exception {
        long deadline = System.nanoTime() + options.quietTimeout().toNanos();
        while (true) {
            Verdict v = scenario.check(cluster);
            if (v.converged() || System.nanoTime() > deadline) return v;
            Thread.sleep(250);
        }
    }

    /** Asked for up to a minute: after a power cut a 3-node broker may still be electing the stream's leader. */
    private static long deadLetters(String natsUrl) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection nc = Nats.connect(natsUrl)) {
            while (true) {
                try {
                    return nc.jetStreamManagement().getStreamInfo("DEADLETTER").getStreamState().getMsgCount();
                } catch (JetStreamApiException e) {
                    if (e.getErrorCode() == 404) return 0;
                    if (System.nanoTime() > deadline) throw e;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private String records() {
        return scenario.layout() == Cluster.Layout.ACCOUNTING ? "users" : "tickets";
    }

    /** A fault's figure for the summary line: "na" without such a fault, {@code missing} when not known or not reached. */
    private static String faultFigure(int faults, long value, String missing) {
        if (faults == 0) return "na";
        return value < 0 ? missing : Long.toString(value);
    }

    private boolean report(DriveResult drive, Verdict verdict, Duration endToEnd, ListenerCounters counters,
                           ChaosMonkey chaos, long deadLetters, LagTimeline timeline, List<String> faultLines,
                           LeaseWatch leases) {
        Percentiles lag = new Percentiles(verdict.lagsMillis());
        double eventsPerSecond = drive.expectedEvents() / Math.max(0.001, endToEnd.toNanos() / 1e9);
        ServerFailures served = drive.serverFailures();
        // Never a 500; and no call left without an answer by a partition (a paused or killed process may leave one).
        boolean answered = served.otherErrors() == 0 && (chaos.networkFaults().partitions() == 0 || served.timeouts() == 0);
        boolean pass = verdict.converged() && deadLetters == 0 && drive.failedWrites() == 0 && answered;
        String records = records();
        System.out.printf(Locale.ROOT, "proof: scenario=%s %s=%d replicas=%d clients=%d nats_nodes=%d; chaos: kills=%d broker_outages=%d "
                        + "pg_restarts=%d node_kills=%d%s crashes=%d replica_pauses=%d broker_pauses=%d%n",
                options.scenario(), records, verdict.records(), options.replicas(), options.clients(), options.natsNodes(),
                chaos.kills(), chaos.brokerOutages(), chaos.pgRestarts(), chaos.nodeKills(), chaos.nodeKillDetail(), chaos.crashes(),
                chaos.replicaPauses(), chaos.brokerPauses());
        System.out.printf(Locale.ROOT, "drive: %d writes accepted in %.1f s (%.0f/s), %d failed, %d retried%n",
                drive.acceptedWrites(), drive.took().toMillis() / 1000.0, drive.writesPerSecond(), drive.failedWrites(),
                drive.retries());
        drive.failureSamples().forEach(s -> System.out.println("  failed: " + s));
        System.out.printf(Locale.ROOT, "services' failures (retried): %d refused with 503, %d other 5xx, %d calls timed out%n",
                served.unavailable(), served.otherErrors(), served.timeouts());
        System.out.printf(Locale.ROOT, "replicas: %d events applied end to end in %.1f s (%.0f/s)%n", drive.expectedEvents(),
                endToEnd.toMillis() / 1000.0, eventsPerSecond);
        verdict.lines().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "lag (owner commit -> replica commit, last change per record): p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                lag.at(50), lag.at(99), lag.max());
        timeline.lines().forEach(System.out::println);
        faultLines.forEach(System.out::println);
        if (options.clockStep()) System.out.println(chaos.clockStep().describe());
        System.out.printf(Locale.ROOT, "listeners: redeliveries=%d not_yet=%d failures=%d infrastructure_failures=%d "
                + "foreign=%d; dead letters in the stream: %d%n", counters.total("redeliveries"), counters.total("not_yet"),
                counters.total("failures"), counters.total("infrastructure_failures"), counters.total("foreign"), deadLetters);
        System.out.printf(Locale.ROOT, "divergent=%d missing=%d %s=%d replicas=%d updates_per_s=%.0f events_per_s=%.0f "
                        + "lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f redeliveries=%d not_yet=%d dead_letters=%d "
                        + "failed_writes=%d kills=%d broker_outages=%d pg_restarts=%d nats_nodes=%d node_kills=%d "
                        + "lag_past_outages_p99_ms=%.1f crashes=%d crash_lost_events=%s crash_recovery_ms=%s replica_pauses=%d "
                        + "broker_pauses=%d clock_steps=%d hosts=%s partitions=%d partition_election_ms=%s "
                        + "partition_converge_ms=%s partition_converge_after_election_ms=%s partition_hand_overs=%d double_consumed_partition_s=%.2f failover_max_ms=%d failover_after_kill_ms=%s refused_503=%d errors_5xx=%d "
                        + "timeouts=%d result=%s%n",
                verdict.divergent(), verdict.missing(), records, verdict.records(), options.replicas(), drive.writesPerSecond(),
                eventsPerSecond, lag.at(50), lag.at(99), lag.max(), counters.total("redeliveries"), counters.total("not_yet"),
                deadLetters, drive.failedWrites(), chaos.kills(), chaos.brokerOutages(), chaos.pgRestarts(),
                options.natsNodes(), chaos.nodeKills(), timeline.pastOutages().at(99), chaos.crashes(),
                faultFigure(chaos.crashes(), chaos.crashLostEvents(), "unknown"),
                faultFigure(chaos.crashes(), chaos.crashRecoveryMillis(), "unreached"), chaos.replicaPauses(),
                chaos.brokerPauses(), chaos.clockStep().steps(), options.hosts(), chaos.networkFaults().partitions(),
                faultFigure(chaos.networkFaults().partitions(), chaos.networkFaults().maxElectionMillis(), "unreached"),
                faultFigure(chaos.networkFaults().partitions(), chaos.networkFaults().maxConvergedMillis(), "unreached"),
                faultFigure(chaos.networkFaults().partitions(), chaos.networkFaults().maxConvergedAfterElectionMillis(), "unreached"),
                leases.handOvers(), leases.doubleConsumedSeconds(), leases.longestGapMillis(), failoverAfterKill(chaos, leases), served.unavailable(), served.otherErrors(), served.timeouts(),
                pass ? "PASS" : "FAIL");
        return pass;
    }

    /** The longest time from a replica's kill -9 until every partition it held had a consumer again; "na" without one. */
    private static String failoverAfterKill(ChaosMonkey chaos, LeaseWatch leases) {
        List<Long> kills = chaos.strikes().stream()
                .filter(s -> s.what().startsWith("kill -9 ") && !s.what().startsWith("kill -9 broker"))
                .map(Strike::downMillis).toList();
        long ms = leases.longestFailoverAfter(kills);
        return ms < 0 ? "na" : Long.toString(ms);
    }
}
