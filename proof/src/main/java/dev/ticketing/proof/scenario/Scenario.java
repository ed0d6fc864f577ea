package dev.ticketing.proof.scenario;

import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.check.Verdict;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.Progress;
import java.util.Map;

/** A proof scenario: which services run, how they are driven, and how owner and replicas are compared. */
public interface Scenario {
    Cluster.Layout layout();

    /** Environment for every service of the run. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** Units of work, for chaos that strikes at a fraction of the drive. */
    int jobs();

    DriveResult drive(Cluster cluster, Api api, Progress progress) throws InterruptedException;

    Verdict check(Cluster cluster) throws Exception;

    /** What "the replicas hold every change the owner committed" means here: for the recovery after a broker crash. */
    Watermark watermark(Cluster cluster);

    static Scenario of(ProofOptions options) {
        return switch (options.scenario()) {
            case "prices" -> new TicketScenario(options, false);
            case "reservations" -> new TicketScenario(options, true);
            case "accounting" -> new AccountingScenario(options);
            case "purchase" -> new PurchaseScenario(options);
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
        };
    }
}
