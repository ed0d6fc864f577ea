package dev.ticketing.proof.scenario;

import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.check.Ledgers;
import dev.ticketing.proof.check.Verdict;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.load.AccountingDrive;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.Progress;

/** Many users' deposits and withdrawals (3 per --tickets unit, one user per 20 units) into K accounts replicas. */
final class AccountingScenario implements Scenario {
    private final ProofOptions options;

    AccountingScenario(ProofOptions options) {
        this.options = options;
    }

    @Override
    public Cluster.Layout layout() {
        return Cluster.Layout.ACCOUNTING;
    }

    @Override
    public int jobs() {
        return options.tickets() * 3;
    }

    @Override
    public DriveResult drive(Cluster cluster, Api api, Progress progress) throws InterruptedException {
        int users = Math.max(5, options.tickets() / 20);
        return new AccountingDrive(api, cluster.owner().url(), users).run(jobs(), options.clients(), progress);
    }

    @Override
    public Verdict check(Cluster cluster) throws Exception {
        return Ledgers.of(cluster.engine().jdbcUrl("transactions"), cluster.engine().jdbcUrl("accounts"));
    }

    @Override
    public Watermark watermark(Cluster cluster) {
        return Watermark.transactions(cluster.engine().jdbcUrl("transactions"), cluster.engine().jdbcUrl("accounts"));
    }
}
