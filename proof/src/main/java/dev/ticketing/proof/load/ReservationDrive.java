package dev.ticketing.proof.load;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders created and cancelled for random tickets while their owners change prices: order:created,
 * order:cancelled and ticket:updated race each other through every service.
 */
public final class ReservationDrive extends Drive {
    private final String ticketsUrl;
    private final List<String> ordersUrls;
    private final List<PriceDrive.Created> tickets;

    public ReservationDrive(Api api, String ticketsUrl, List<String> ordersUrls, List<PriceDrive.Created> tickets) {
        super(api);
        this.ticketsUrl = ticketsUrl;
        this.ordersUrls = ordersUrls;
        this.tickets = tickets;
    }

    public DriveResult run(int operations, int clients, Progress progress) throws InterruptedException {
        return super.run(operations, clients, progress);
    }

    @Override
    protected void job(int i) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        PriceDrive.Created ticket = tickets.get(random.nextInt(tickets.size()));
        if (random.nextBoolean()) {
            order(ticket, "buyer-" + (i % 20), random.nextBoolean());
        } else {
            // 400 = reserved right now, 409 = a reservation changed it between read and save: both fine.
            expectOneOf(api.call("PUT", ticketsUrl + "/api/tickets/" + ticket.id(), ticket.owner(),
                    PriceDrive.body(ticket.title(), 20 + random.nextInt(80))), "reprice " + ticket.id(), 1, 200, 400, 409);
        }
    }

    private void order(PriceDrive.Created ticket, String buyer, boolean cancel) throws InterruptedException {
        // 400 = already reserved, 404 = the replica does not know the ticket yet: both fine.
        Api.Reply placed = api.call("POST", ordersUrls, "/api/orders", buyer, "{\"ticketId\":\"" + ticket.id() + "\"}");
        if (!expectOneOf(placed, "order " + ticket.id(), 2, 201, 400, 404) || !cancel) return;
        // order:created reserves (ticket:updated), order:cancelled releases (ticket:updated).
        expect(api.call("DELETE", ordersUrls, "/api/orders/" + Api.id(placed), buyer, null), 204, "cancel", 2);
    }
}
