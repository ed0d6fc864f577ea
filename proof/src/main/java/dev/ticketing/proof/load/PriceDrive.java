package dev.ticketing.proof.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The course's run: per ticket, create (price 5), update to 10, update to 15, back to back. */
public final class PriceDrive extends Drive {
    private final String ticketsUrl;
    private final List<Created> created = new CopyOnWriteArrayList<>();

    /** A ticket this drive created, with its owner. */
    public record Created(String id, String owner, String title) {
    }

    public PriceDrive(Api api, String ticketsUrl) {
        super(api);
        this.ticketsUrl = ticketsUrl;
    }

    public static String owner(int i) {
        return "owner-" + (i % 50);
    }

    public DriveResult run(int tickets, int clients, Progress progress) throws InterruptedException {
        return super.run(tickets, clients, progress);
    }

    public List<Created> created() {
        return created;
    }

    @Override
    protected void job(int i) throws InterruptedException {
        String user = owner(i);
        String title = "ticket " + i;
        Api.Reply created = api.call("POST", ticketsUrl + "/api/tickets", user, body(title, 5));
        if (!expect(created, 201, "create " + i, 1)) return;
        String id = Api.id(created);
        this.created.add(new Created(id, user, title));
        for (int price : new int[] {10, 15}) {
            if (!expect(api.call("PUT", ticketsUrl + "/api/tickets/" + id, user, body(title, price)), 200,
                    "update " + id + " to " + price, 1)) return;
        }
    }

    static String body(String title, int price) {
        return "{\"title\":\"" + title + "\",\"price\":" + price + "}";
    }
}
