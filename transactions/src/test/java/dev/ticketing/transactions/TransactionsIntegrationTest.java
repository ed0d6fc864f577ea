package dev.ticketing.transactions;

import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** The transactions service on the real engine; every test class shares one context. */
public abstract class TransactionsIntegrationTest extends ServiceIntegrationTest {

    /** A user id of its own for each test: the database is shared by every test of the run. */
    protected static String newUser(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** POST /api/transactions as the user; the amount is JSON as written ("10", "1.5", "\"lots\""). */
    protected HttpResponse<String> post(String user, String type, String amount) throws Exception {
        return send("POST", "/api/transactions", user, "{\"type\":\"" + type + "\",\"amount\":" + amount + "}");
    }
}
