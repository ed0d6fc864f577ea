package dev.ticketing.proof.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.proof.load.Api;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: tickets, two orders replicas and expiration as separate JVMs (the jars built by this
 * reactor) on the real engine. Create, update twice, order, let the order expire.
 */
class LifecycleEndToEndTest {
    private static Cluster cluster;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        cluster = Cluster.start(root, Cluster.Layout.TICKETING, 2, Map.of("ORDERS_EXPIRATION_WINDOW", "4s"));
        api = new Api(Cluster.JWT_KEY);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static String one(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.engine().jdbcUrl(database), "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void until(String what, Callable<Boolean> check) {
        await(what).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(check);
    }

    @Test
    void aTicketsLifeReachesEveryServiceInOrder() throws Exception {
        String tickets = cluster.owner().url();
        String orders = cluster.replicas().get(0).url();
        Api.Reply created = api.call("POST", tickets + "/api/tickets", "seller", "{\"title\":\"gig\",\"price\":5}");
        assertThat(created.status()).isEqualTo(201);
        String id = Api.id(created);
        for (int price : new int[] {10, 15}) {
            assertThat(api.call("PUT", tickets + "/api/tickets/" + id, "seller", "{\"title\":\"gig\",\"price\":" + price + "}")
                    .status()).isEqualTo(200);
        }
        String replica = "select version || ' ' || price from tickets where id = '" + id + "'";
        until("replica at version 2, price 15", () -> "2 15.00".equals(one("orders", replica)));

        Api.Reply order = api.call("POST", orders + "/api/orders", "buyer", "{\"ticketId\":\"" + id + "\"}");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String orderId = Api.id(order);
        String owner = "select version || ' ' || coalesce(order_id, '-') from tickets where id = '" + id + "'";
        until("reserved in tickets at version 3", () -> ("3 " + orderId).equals(one("tickets", owner)));
        until("the replica follows to version 3", () -> one("orders", replica).startsWith("3 "));
        assertThat(api.call("PUT", tickets + "/api/tickets/" + id, "seller", "{\"title\":\"gig\",\"price\":20}").status())
                .as("a reserved ticket cannot be edited").isEqualTo(400);

        until("the order expired", () -> "cancelled".equals(one("orders", "select status from orders where id = '" + orderId + "'")));
        until("released in tickets at version 4", () -> "4 -".equals(one("tickets", owner)));
        until("the replica follows to version 4", () -> one("orders", replica).startsWith("4 "));
        Api.Reply again = api.call("POST", orders + "/api/orders", "buyer-2", "{\"ticketId\":\"" + id + "\"}");
        assertThat(again.status()).as("the released ticket can be ordered again").isEqualTo(201);
    }
}
