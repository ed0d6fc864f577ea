package dev.ticketing.proof;

import dev.ticketing.proof.chaos.ChaosMonkey;
import dev.ticketing.proof.check.Comparison;
import dev.ticketing.proof.check.ListenerCounters;
import dev.ticketing.proof.check.Percentiles;
import dev.ticketing.proof.check.Reservations;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.PriceDrive;
import dev.ticketing.proof.load.ReservationDrive;
import dev.ticketing.proof.load.Progress;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One proof run: start the system, drive it under chaos, wait for the replicas, compare, report. */
final class ProofRun {
    private static final Logger log = LoggerFactory.getLogger(ProofRun.class);
    private final ProofOptions options;

    ProofRun(ProofOptions options) {
        this.options = options;
    }

    boolean run() throws Exception {
        try (Cluster cluster = Cluster.start(options.root(), options.replicas());
             ListenerCounters counters = new ListenerCounters(cluster.orders())) {
            boolean reservations = options.scenario().equals("reservations");
            int operations = reservations ? options.tickets() * 2 : 0;
            Progress progress = new Progress(options.tickets() + operations);
            ChaosMonkey chaos = new ChaosMonkey(cluster, options, progress);
            chaos.start();
            long driveStart = System.nanoTime();
            log.info("driving {} tickets with {} clients", options.tickets(), options.clients());
            Api api = new Api(Cluster.JWT_KEY);
            PriceDrive prices = new PriceDrive(api, cluster.tickets().url());
            DriveResult drive = prices.run(options.tickets(), options.clients(), progress);
            if (reservations) {
                log.info("{} order / cancel / reprice operations", operations);
                drive = drive.plus(new ReservationDrive(api, cluster.tickets().url(),
                        cluster.orders().stream().map(ServiceProcess::url).toList(), prices.created())
                        .run(operations, options.clients(), progress));
            }
            progress.finish();
            chaos.finish();
            log.info("drive done in {} ms; waiting for the replicas", drive.took().toMillis());
            Verdict verdict = awaitConvergence(cluster, reservations);
            Duration endToEnd = Duration.ofNanos(System.nanoTime() - driveStart);
            counters.scrapeNow();
            long deadLetters = deadLetters(cluster.engine().natsUrl());
            return report(drive, verdict, endToEnd, counters, chaos, deadLetters);
        }
    }

    /** The replica comparison and, in the reservations scenario, the reservation agreement. */
    private record Verdict(Comparison replica, Reservations reservations) {
        boolean converged() {
            return replica.converged() && (reservations == null || reservations.mismatched() == 0);
        }

        int divergent() {
            return replica.divergent() + (reservations == null ? 0 : reservations.mismatched());
        }
    }

    private Verdict awaitConvergence(Cluster cluster, boolean withReservations) throws Exception {
        long deadline = System.nanoTime() + options.quietTimeout().toNanos();
        String tickets = cluster.engine().jdbcUrl("tickets");
        String orders = cluster.engine().jdbcUrl("orders");
        while (true) {
            Verdict v = new Verdict(Comparison.of(tickets, orders), withReservations ? Reservations.of(tickets, orders) : null);
            if (v.converged() || System.nanoTime() > deadline) return v;
            Thread.sleep(250);
        }
    }

    private static long deadLetters(String natsUrl) throws Exception {
        try (Connection nc = Nats.connect(natsUrl)) {
            return nc.jetStreamManagement().getStreamInfo("DEADLETTER").getStreamState().getMsgCount();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return 0;
            throw e;
        }
    }

    private boolean report(DriveResult drive, Verdict verdict, Duration endToEnd, ListenerCounters counters,
                           ChaosMonkey chaos, long deadLetters) {
        Comparison c = verdict.replica();
        Percentiles lag = new Percentiles(c.lagsMillis());
        double eventsPerSecond = drive.expectedEvents() / Math.max(0.001, endToEnd.toNanos() / 1e9);
        boolean pass = verdict.converged() && deadLetters == 0 && drive.failedWrites() == 0;
        System.out.printf(Locale.ROOT, "proof: scenario=%s tickets=%d replicas=%d clients=%d; chaos: kills=%d broker_outages=%d pg_restarts=%d%n",
                options.scenario(), options.tickets(), options.replicas(), options.clients(), chaos.kills(),
                chaos.brokerOutages(), chaos.pgRestarts());
        System.out.printf(Locale.ROOT, "drive: %d writes accepted in %.1f s (%.0f/s), %d failed, %d retried%n",
                drive.acceptedWrites(), drive.took().toMillis() / 1000.0, drive.writesPerSecond(), drive.failedWrites(),
                drive.retries());
        drive.failureSamples().forEach(s -> System.out.println("  failed: " + s));
        System.out.printf(Locale.ROOT, "replicas: %d events applied end to end in %.1f s (%.0f/s)%n", drive.expectedEvents(),
                endToEnd.toMillis() / 1000.0, eventsPerSecond);
        System.out.printf(Locale.ROOT, "compare: tickets=%d missing=%d extra=%d wrong_version=%d wrong_data=%d%n",
                c.tickets(), c.missing(), c.extra(), c.wrongVersion(), c.wrongData());
        c.samples().forEach(s -> System.out.println("  " + s));
        if (verdict.reservations() != null) {
            System.out.printf(Locale.ROOT, "reservations: %d tickets held by an order, %d disagree between tickets and orders%n",
                    verdict.reservations().reserved(), verdict.reservations().mismatched());
            verdict.reservations().samples().forEach(s -> System.out.println("  " + s));
        }
        System.out.printf(Locale.ROOT, "lag (tickets commit -> replica commit): p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                lag.at(50), lag.at(99), lag.max());
        System.out.printf(Locale.ROOT, "listeners: redeliveries=%d not_yet=%d failures=%d; dead letters in the stream: %d%n",
                counters.total("redeliveries"), counters.total("not_yet"), counters.total("failures"), deadLetters);
        System.out.printf(Locale.ROOT, "divergent=%d missing=%d tickets=%d replicas=%d updates_per_s=%.0f events_per_s=%.0f "
                        + "lag_p50_ms=%.1f lag_p99_ms=%.1f lag_max_ms=%.1f redeliveries=%d not_yet=%d dead_letters=%d "
                        + "failed_writes=%d kills=%d broker_outages=%d pg_restarts=%d result=%s%n",
                verdict.divergent(), c.missing(), c.tickets(), options.replicas(), drive.writesPerSecond(), eventsPerSecond,
                lag.at(50), lag.at(99), lag.max(), counters.total("redeliveries"), counters.total("not_yet"), deadLetters,
                drive.failedWrites(), chaos.kills(), chaos.brokerOutages(), chaos.pgRestarts(), pass ? "PASS" : "FAIL");
        return pass;
    }
}
