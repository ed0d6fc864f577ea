package dev.ticketing.proof.load;

import java.util.concurrent.ThreadLocalRandom;

/** Random deposits and withdrawals by many users; a withdrawal over the balance is refused (400), as designed. */
public final class AccountingDrive extends Drive {
    private final String transactionsUrl;
    private final int users;

    public AccountingDrive(Api api, String transactionsUrl, int users) {
        super(api);
        this.transactionsUrl = transactionsUrl;
        this.users = users;
    }

    public DriveResult run(int operations, int clients, Progress progress) throws InterruptedException {
        return super.run(operations, clients, progress);
    }

    @Override
    protected void job(int i) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String user = "user-" + random.nextInt(users);
        boolean deposit = random.nextInt(10) < 7;
        String body = "{\"type\":\"" + (deposit ? "deposit" : "withdrawal") + "\",\"amount\":" + (1 + random.nextInt(100)) + "}";
        expectOneOf(api.call("POST", transactionsUrl + "/api/transactions", user, body), "transaction for " + user, 1, 201, 400);
    }
}
