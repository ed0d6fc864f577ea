package dev.ticketing.proof.load;

import dev.ticketing.common.testing.TestJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The course's app as people use it: users sign up (real session cookies from the users service), sellers
 * sell tickets, buyers order them, and then per order: pay at once (sometimes submitting twice), pay at
 * the last moment (racing the expiry), or let it expire.
 */
public final class PurchaseDrive extends Drive {
    private static final String CARD = "tok_visa";
    private final String usersUrl;
    private final String ticketsUrl;
    private final List<String> ordersUrls;
    private final String paymentsUrl;
    private final int users;

    public PurchaseDrive(Api api, String usersUrl, String ticketsUrl, List<String> ordersUrls, String paymentsUrl, int users) {
        super(api);
        this.usersUrl = usersUrl;
        this.ticketsUrl = ticketsUrl;
        this.ordersUrls = ordersUrls;
        this.paymentsUrl = paymentsUrl;
        this.users = users;
    }

    /** Signs every user up first: the drive's calls then carry their session cookies. */
    public DriveResult run(int tickets, int clients, Progress progress) throws InterruptedException {
        for (int u = 0; u < users; u++) {
            Api.Reply r = api.signUp(usersUrl, user(u));
            if (r.status() != 201) throw new IllegalStateException("sign-up of " + user(u) + " -> " + r.status() + " " + r.body());
        }
        return super.run(tickets, clients, progress);
    }

    private static String user(int u) {
        return "user-" + u;
    }

    @Override
    protected void job(int i) throws InterruptedException {
        String seller = user(i % users);
        String buyer = user((i % users + 1 + (i / users) % (users - 1)) % users); // never the seller
        Api.Reply ticket = api.call("POST", ticketsUrl + "/api/tickets", seller, PriceDrive.body("ticket " + i, 10 + i % 90));
        if (!expect(ticket, 201, "sell " + i, 1)) return;
        Api.Reply order = placeOrder(Api.id(ticket), buyer);
        if (order == null) return;
        var placed = TestJson.read(order.body());
        String orderId = placed.get("id").asString();
        Instant expiresAt = Instant.parse(placed.get("expiresAt").asString());
        switch (i % 10) {
            case 0 -> payTwiceAtOnce(orderId, buyer, expiresAt);
            case 1, 2, 3 -> pay(orderId, buyer, expiresAt);
            case 4, 5, 6 -> {
                // Up to 300 ms either side of the expiry: the payment and the expiry race; orders decides.
                sleepUntil(expiresAt.plusMillis(ThreadLocalRandom.current().nextLong(-300, 300)));
                pay(orderId, buyer, expiresAt);
            }
            default -> { } // left to expire
        }
    }

    /** 404 while the orders replica does not know the new ticket yet: asked again, for a bounded time. */
    private Api.Reply placeOrder(String ticketId, String buyer) throws InterruptedException {
        Api.Reply r = untilKnown(() -> api.call("POST", ordersUrls, "/api/orders", buyer, "{\"ticketId\":\"" + ticketId + "\"}"));
        // 400 "already reserved" (by this buyer's own order) answers a retry whose first attempt was
        // placed but whose reply was lost to a killed replica: that order exists and will expire.
        return expectOneOf(r, "order " + ticketId, 2, 201, 400) ? r : null;
    }

    /**
     * Accepted, a payment emits payment:created. A 400 ("expired", "cancelled") is right only when the answer
     * came after the expiry (at the last moment, or late because chaos held the request up).
     */
    private void pay(String orderId, String buyer, Instant expiresAt) throws InterruptedException {
        judge(payment(orderId, buyer), orderId, expiresAt);
    }

    private boolean judge(Api.Reply r, String orderId, Instant expiresAt) {
        if (r.status() == 400 && !Instant.now().isBefore(expiresAt)) return false; // lost to the expiry: right
        return expect(r, 201, "pay " + orderId, 1);
    }

    /** A double submit: two requests at once. One payment, one charge; the other answer is the same or a 400. */
    private void payTwiceAtOnce(String orderId, String buyer, Instant expiresAt) throws InterruptedException {
        Api.Reply[] second = new Api.Reply[1];
        Thread other = new Thread(() -> {
            try {
                second[0] = payment(orderId, buyer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        Api.Reply first = payment(orderId, buyer);
        other.join();
        Api.Reply paid = first.status() == 201 || second[0] == null ? first : second[0];
        Api.Reply loser = paid == first ? second[0] : first;
        if (judge(paid, orderId, expiresAt) && loser != null && loser.status() != 201) {
            expectOneOf(loser, "second pay " + orderId, 0, 400);
        }
    }

    /** 404 until the payments replica knows the order: asked again, for a bounded time. */
    private Api.Reply payment(String orderId, String buyer) throws InterruptedException {
        return untilKnown(() -> api.call("POST", paymentsUrl + "/api/payments", buyer,
                "{\"orderId\":\"" + orderId + "\",\"token\":\"" + CARD + "\"}"));
    }

    private interface Call {
        Api.Reply send() throws InterruptedException;
    }

    /** The call, repeated while it answers 404 (a replica that has not caught up yet), for at most a minute. */
    private static Api.Reply untilKnown(Call call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Api.Reply r = call.send();
            if (r.status() != 404 || System.nanoTime() > deadline) return r;
            Thread.sleep(50);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) Thread.sleep(millis);
    }
}
