package dev.ticketing.proof.scenario;

import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.check.Purchases;
import dev.ticketing.proof.check.Verdict;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.Progress;
import dev.ticketing.proof.load.PurchaseDrive;
import java.util.Map;

/** Sign up, sell, order, and pay or let expire (orders expire after 5 s, so payments race the expiry). */
final class PurchaseScenario implements Scenario {
    private final ProofOptions options;

    PurchaseScenario(ProofOptions options) {
        this.options = options;
    }

    @Override
    public Cluster.Layout layout() {
        return Cluster.Layout.PURCHASE;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("ORDERS_EXPIRATION_WINDOW", "5s");
    }

    @Override
    public int jobs() {
        return options.tickets();
    }

    @Override
    public DriveResult drive(Cluster cluster, Api api, Progress progress) throws InterruptedException {
        int users = Math.max(4, options.tickets() / 10);
        return new PurchaseDrive(api, cluster.other("users").url(), cluster.owner().url(),
                cluster.replicas().stream().map(ServiceProcess::url).toList(), cluster.other("payments").url(), users)
                .run(options.tickets(), options.clients(), progress);
    }

    @Override
    public Verdict check(Cluster cluster) throws Exception {
        return Purchases.of(cluster.engine());
    }

    @Override
    public Watermark watermark(Cluster cluster) {
        return Watermark.tickets(cluster.engine().jdbcUrl("tickets"), cluster.engine().jdbcUrl("orders"));
    }
}
