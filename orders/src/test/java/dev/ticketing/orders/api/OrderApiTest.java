package dev.ticketing.orders.api;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.ExpirationCompleteEvent;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.orders.OrdersIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OrderApiTest extends OrdersIntegrationTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);


    private HttpResponse<String> order(String user, Object ticketId) throws Exception {
        return send("POST", "/api/orders", user, "{\"ticketId\":\"" + ticketId + "\"}");
    }

    private static String id(HttpResponse<String> r) {
        return field(r.body(), "id");
    }

    /** A text field of a JSON object. */
    private static String field(String json, String name) {
        return TestJson.read(json).get(name).asString();
    }

    @Test
    void placingAnOrderNeedsASignedInUserAndAValidKnownTicket() throws Exception {
        assertThat(order(null, ticket()).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = order("buyer", "not-an-id");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"ticketId\"");
        assertThat(send("POST", "/api/orders", "buyer", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> number = send("POST", "/api/orders", "buyer", "{\"ticketId\":123}");
        assertThat(number.statusCode()).as("a number is not an id").isEqualTo(400);
        assertThat(TestJson.read(number.body()).get("errors").get(0).get("field").asString()).isEqualTo("ticketId");
        assertThat(order("buyer", UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void myOrdersPageNewestFirstWithoutGapsOrDuplicates() throws Exception {
        String user = "pager-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) ids.add(id(order(user, ticket())));
        order("someone-else", ticket());
        // Three share one creation time, so the id decides among them (as PostgreSQL orders uuids: by their text).
        Instant t0 = Instant.parse("2030-01-01T00:00:00.000001Z");
        for (int i = 0; i < 7; i++) {
            Instant at = i >= 2 && i <= 4 ? t0.plusSeconds(2) : t0.plusSeconds(i);
            jdbc.update("update orders set created_at = ? where id = ?::uuid", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), ids.get(i));
        }
        List<String> newestFirst = new ArrayList<>(List.of(ids.get(6), ids.get(5)));
        newestFirst.addAll(ids.subList(2, 5).stream().sorted(Comparator.reverseOrder()).toList());
        newestFirst.addAll(List.of(ids.get(1), ids.get(0)));

        List<List<String>> pages = new ArrayList<>();
        String path = "/api/orders?limit=3";
        while (path != null) {
            HttpResponse<String> r = send("GET", path, user, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> page = new ArrayList<>();
            TestJson.read(r.body()).forEach(o -> page.add(o.get("id").asString()));
            pages.add(page);
            path = r.headers().firstValue("Link").map(OrderApiTest::nextTarget).orElse(null);
            assertThat(pages).as("stops").hasSizeLessThan(5);
        }
        assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(newestFirst);
        assertThat(TestJson.read(send("GET", "/api/orders", user, null).body())).as("default limit 50").hasSize(7);

        assertThat(send("GET", "/api/orders?limit=201", user, null).body()).contains("\"field\":\"limit\"");
        HttpResponse<String> bad = send("GET", "/api/orders?after=bm90LWEtY3Vyc29y", user, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"after\"");
        assertThat(send("GET", "/api/orders?limit=3", null, null).statusCode()).isEqualTo(401);
    }

    private static String nextTarget(String link) {
        Matcher m = Pattern.compile("^<(/api/orders\\?limit=3&after=[A-Za-z0-9_-]+)>; rel=\"next\"$").matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        return m.group(1);
    }

    @Test
    void anOrderReservesTheTicketAndPublishesOrderCreated() throws Exception {
        UUID ticket = ticket();
        Instant before = Instant.now();
        HttpResponse<String> r = order("buyer", ticket);
        Instant after = Instant.now();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("\"status\":\"created\"").contains("\"version\":0").contains("\"userId\":\"buyer\"");
        String orderId = id(r);
        Instant expiresAt = Instant.parse(field(r.body(), "expiresAt"));
        assertThat(expiresAt).as("default window 15 min").isBetween(before.plus(WINDOW).minusMillis(1), after.plus(WINDOW));

        List<Map<String, Object>> rows = outbox("order:created/" + orderId + "@0");
        assertThat(rows).hasSize(1);
        String payload = (String) rows.get(0).get("payload");
        assertThat(payload).contains("\"id\":\"" + orderId + "\"").contains("\"version\":0")
                .contains("\"status\":\"created\"").contains("\"userId\":\"buyer\"")
                .contains("\"ticket\":{\"id\":\"" + ticket + "\",\"price\":20.00}");
        assertThat(Instant.parse(field(payload, "expiresAt"))).isEqualTo(expiresAt);
        String shown = send("GET", "/api/orders/" + orderId, "buyer", null).body();
        assertThat(Instant.parse(field(shown, "expiresAt"))).as("as stored").isEqualTo(expiresAt);

        HttpResponse<String> again = order("someone", ticket);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("ticket is already reserved");
    }

    @Test
    void concurrentOrdersForOneTicketReserveItOnce() throws Exception {
        UUID ticket = ticket();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String user = "buyer-" + i;
                calls.add(() -> order(user, ticket).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) codes.add(f.get());
            assertThat(codes.stream().filter(c -> c == 201)).hasSize(1);
            assertThat(codes.stream().filter(c -> c == 400)).hasSize(11);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ordersAreVisibleToTheirOwnerOnly() throws Exception {
        String orderId = id(order("owner-a", ticket()));
        assertThat(send("GET", "/api/orders/" + orderId, "owner-a", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/orders/" + orderId, "owner-b", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/orders/" + orderId, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/orders/" + UUID.randomUUID(), "owner-a", null).statusCode()).isEqualTo(404);
        String mine = send("GET", "/api/orders", "owner-a", null).body();
        assertThat(mine).contains(orderId).contains("\"title\":\"concert\"");
        assertThat(send("GET", "/api/orders", "owner-b", null).body()).doesNotContain(orderId);
    }

    @Test
    void cancellingPublishesOrderCancelledOnceAndFreesTheTicket() throws Exception {
        UUID ticket = ticket();
        String orderId = id(order("buyer", ticket));
        assertThat(send("DELETE", "/api/orders/" + orderId, "intruder", null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/orders/" + orderId, "buyer", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/orders/" + orderId, "buyer", null).body()).contains("\"status\":\"cancelled\"")
                .contains("\"version\":1");
        List<Map<String, Object>> rows = outbox("order:cancelled/" + orderId + "@");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get("payload")).contains("\"version\":1").contains("\"ticket\":{\"id\":\"" + ticket + "\"}");

        assertThat(send("DELETE", "/api/orders/" + orderId, "buyer", null).statusCode()).as("idempotent").isEqualTo(204);
        assertThat(outbox("order:cancelled/" + orderId + "@")).hasSize(1);
        assertThat(order("next-buyer", ticket).statusCode()).as("the ticket is free again").isEqualTo(201);
    }

    @Test
    void cancellingNeedsTheOwnerOfAnOrderThatExists() throws Exception {
        String orderId = id(order("buyer", ticket()));
        assertThat(send("DELETE", "/api/orders/" + orderId, null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/orders/" + UUID.randomUUID(), "buyer", null).statusCode()).isEqualTo(404);
        assertThat(outbox("order:cancelled/" + orderId)).isEmpty();
    }

    @Test
    void aCompleteOrderCannotBeCancelled() throws Exception {
        String orderId = id(order("buyer", ticket()));
        jdbc.update("update orders set status = 'complete' where id = ?::uuid", orderId);
        HttpResponse<String> r = send("DELETE", "/api/orders/" + orderId, "buyer", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(send("GET", "/api/orders/" + orderId, "buyer", null).body()).contains("\"status\":\"complete\"")
                .contains("\"version\":0");
        assertThat(outbox("order:cancelled/" + orderId)).isEmpty();
    }

    @Test
    void expirationCancelsAnOpenOrderButNotACompleteOne() throws Exception {
        String open = id(order("buyer", ticket()));
        String complete = id(order("buyer", ticket()));
        jdbc.update("update orders set status = 'complete' where id = ?::uuid", complete);

        assertThat(commands.expire(new ExpirationCompleteEvent(complete))).isEqualTo(Outcome.DUPLICATE);
        assertThat(outbox("order:cancelled/" + complete)).isEmpty();

        TestPublisher.publish(bus, Subjects.EXPIRATION_COMPLETE, new ExpirationCompleteEvent(open));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outbox("order:cancelled/" + open + "@1")).hasSize(1));
        assertThat(send("GET", "/api/orders/" + open, "buyer", null).body()).contains("\"status\":\"cancelled\"");
        assertThat(commands.expire(new ExpirationCompleteEvent(open))).as("redelivered").isEqualTo(Outcome.DUPLICATE);
    }
}
