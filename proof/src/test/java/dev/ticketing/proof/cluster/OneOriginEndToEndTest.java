package dev.ticketing.proof.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.TestJson;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The README's walk-through, as a test: every service as its own JVM behind the real gateway, two users
 * with their own cookie jars, and nothing but the one origin. The session cookie the users service sets
 * is what tickets, orders, payments, transactions and accounts accept.
 */
class OneOriginEndToEndTest {
    private static final Cluster.Layout EVERYTHING = new Cluster.Layout("tickets", "orders",
            List.of("expiration", "users", "payments", "transactions", "accounts"));
    private static Cluster cluster;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        cluster = Cluster.start(root, EVERYTHING, 1, Map.of());
        Map<String, List<Integer>> routes = new LinkedHashMap<>();
        routes.put("tickets", List.of(cluster.owner().port()));
        routes.put("orders", cluster.replicas().stream().map(ServiceProcess::port).toList());
        for (String other : List.of("users", "payments", "transactions", "accounts")) {
            routes.put(other, List.of(cluster.other(other).port()));
        }
        gateway = Gateway.start(root, routes);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (cluster != null) cluster.close();
    }

    /** One person's browser: a cookie jar and the one origin. */
    private static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        HttpResponse<String> send(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(15))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) b.header("Content-Type", "application/json");
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode expect(int status, String method, String path, String json) throws Exception {
            HttpResponse<String> r = send(method, path, json);
            assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
            return r.body().isEmpty() ? null : TestJson.read(r.body());
        }
    }

    private static String signUp(Browser browser, String name) throws Exception {
        return browser.expect(201, "POST", "/api/users/signup",
                "{\"email\":\"" + name + "@example.com\",\"password\":\"" + name + "-secret-1\"}").get("id").asString();
    }

    @Test
    void signUpSellOrderPayAndSeeItCompleteThroughTheOneOrigin() throws Exception {
        Browser sam = new Browser();
        Browser bo = new Browser();
        String samId = signUp(sam, "sam");
        String boId = signUp(bo, "bo");
        assertThat(sam.expect(200, "GET", "/api/users/currentuser", null).get("currentUser").get("id").asString()).isEqualTo(samId);

        JsonNode ticket = sam.expect(201, "POST", "/api/tickets", "{\"title\":\"Concert\",\"price\":20}");
        assertThat(ticket.get("userId").asString()).as("the user id of the session is the seller").isEqualTo(samId);
        String ticketId = ticket.get("id").asString();
        JsonNode order = await("the orders replica knows the ticket").atMost(Duration.ofSeconds(20))
                .until(() -> bo.send("POST", "/api/orders", "{\"ticketId\":\"" + ticketId + "\"}"), r -> r.statusCode() == 201)
                .body().transform(TestJson::read);
        String orderId = order.get("id").asString();
        assertThat(order.get("userId").asString()).isEqualTo(boId);

        JsonNode payment = await("the payments replica knows the order").atMost(Duration.ofSeconds(20))
                .until(() -> bo.send("POST", "/api/payments", "{\"orderId\":\"" + orderId + "\",\"token\":\"tok_visa\"}"),
                        r -> r.statusCode() != 404).body().transform(TestJson::read);
        assertThat(payment.get("status").asString()).as(payment.toString()).isEqualTo("created");
        await("the order completes").atMost(Duration.ofSeconds(20)).until(() ->
                bo.expect(200, "GET", "/api/orders/" + orderId, null).get("status").asString().equals("complete"));
        assertThat(sam.expect(200, "GET", "/api/tickets/" + ticketId, null).get("orderId").asString())
                .as("the paid order keeps the ticket").isEqualTo(orderId);
        assertThat(sam.send("GET", "/api/orders/" + orderId, null).statusCode()).as("another user's order").isEqualTo(403);

        bo.expect(201, "POST", "/api/transactions", "{\"type\":\"deposit\",\"amount\":50}");
        await("the account follows").atMost(Duration.ofSeconds(20)).until(() ->
                bo.expect(200, "GET", "/api/accounts/me", null).get("balance").decimalValue().intValue() == 50);

        bo.expect(200, "POST", "/api/users/signout", null);
        assertThat(bo.expect(200, "GET", "/api/users/currentuser", null).get("currentUser").isNull()).isTrue();
        assertThat(bo.send("POST", "/api/tickets", "{\"title\":\"x\",\"price\":1}").statusCode()).as("signed out").isEqualTo(401);
    }
}
