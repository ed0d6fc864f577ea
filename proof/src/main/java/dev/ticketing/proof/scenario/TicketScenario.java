package dev.ticketing.proof.scenario;

import dev.ticketing.proof.ProofOptions;
import dev.ticketing.proof.check.Comparison;
import dev.ticketing.proof.check.Reservations;
import dev.ticketing.proof.check.Verdict;
import dev.ticketing.proof.check.Watermark;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.ServiceProcess;
import dev.ticketing.proof.load.Api;
import dev.ticketing.proof.load.DriveResult;
import dev.ticketing.proof.load.PriceDrive;
import dev.ticketing.proof.load.Progress;
import dev.ticketing.proof.load.ReservationDrive;

/** prices: the course's create + update(10) + update(15); reservations: then orders and cancels race repricing. */
final class TicketScenario implements Scenario {
    private final ProofOptions options;
    private final boolean reservations;

    TicketScenario(ProofOptions options, boolean reservations) {
        this.options = options;
        this.reservations = reservations;
    }

    @Override
    public Cluster.Layout layout() {
        return Cluster.Layout.TICKETING;
    }

    @Override
    public int jobs() {
        return options.tickets() + operations();
    }

    private int operations() {
        return reservations ? options.tickets() * 2 : 0;
    }

    @Override
    public DriveResult drive(Cluster cluster, Api api, Progress progress) throws InterruptedException {
        PriceDrive prices = new PriceDrive(api, cluster.owner().url());
        DriveResult drive = prices.run(options.tickets(), options.clients(), progress);
        if (!reservations) return drive;
        return drive.plus(new ReservationDrive(api, cluster.owner().url(),
                cluster.replicas().stream().map(ServiceProcess::url).toList(), prices.created())
                .run(operations(), options.clients(), progress));
    }

    @Override
    public Verdict check(Cluster cluster) throws Exception {
        String tickets = cluster.engine().jdbcUrl("tickets");
        String orders = cluster.engine().jdbcUrl("orders");
        return reservations ? Reservations.of(tickets, orders) : Comparison.of(tickets, orders);
    }

    @Override
    public Watermark watermark(Cluster cluster) {
        return Watermark.tickets(cluster.engine().jdbcUrl("tickets"), cluster.engine().jdbcUrl("orders"));
    }
}
