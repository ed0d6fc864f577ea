package dev.ticketing.tickets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.auth.CurrentUser;
import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class TicketApiTest extends ServiceIntegrationTest {

    @Autowired
    TicketCommands commands;

    @Autowired
    TransactionTemplate transactions;

    private JsonNode create(String user, String title, String price) throws Exception {
        HttpResponse<String> r = send("POST", "/api/tickets", user, "{\"title\":\"" + title + "\",\"price\":" + price + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestJson.read(r.body());
    }

    private HttpResponse<String> put(String user, String id, String title, String price) throws Exception {
        return send("PUT", "/api/tickets/" + id, user, "{\"title\":\"" + title + "\",\"price\":" + price + "}");
    }

    @Test
    void createNeedsASignedInUser() throws Exception {
        HttpResponse<String> r = send("POST", "/api/tickets", null, "{\"title\":\"a\",\"price\":10}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"not authorized\"}]}");
    }

    @Test
    void createValidatesEveryField() throws Exception {
        HttpResponse<String> r = send("POST", "/api/tickets", "u1", "{\"title\":\"  \",\"price\":-10}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode errors = TestJson.read(r.body()).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("title", "price");

        HttpResponse<String> missing = send("POST", "/api/tickets", "u1", "{\"title\":\"a\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"price\"").contains("price is required");

        HttpResponse<String> wrongType = send("POST", "/api/tickets", "u1", "{\"title\":\"a\",\"price\":\"cheap\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"price\"");

        assertWrongType(send("POST", "/api/tickets", "u1", "{\"title\":5,\"price\":10}"), "title");
        assertWrongType(send("POST", "/api/tickets", "u1", "{\"title\":true,\"price\":10}"), "title");
        assertWrongType(send("POST", "/api/tickets", "u1", "{\"title\":\"a\",\"price\":\"10\"}"), "price");

        HttpResponse<String> notJson = send("POST", "/api/tickets", "u1", "{title");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
    }

    /** The API reads JSON as strictly as the events: no number as text, no text as a number. */
    private static void assertWrongType(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = TestJson.read(r.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).isEqualTo(field + " has the wrong type");
    }

    @Test
    void createStoresTheTicketAndPublishesTicketCreated() throws Exception {
        JsonNode ticket = create("u1", "concert", "20.5");
        String id = ticket.get("id").asString();
        assertThat(ticket.get("version").asLong()).isZero();
        assertThat(ticket.get("userId").asString()).isEqualTo("u1");
        assertThat(ticket.get("price").decimalValue()).isEqualByComparingTo("20.5");

        List<Map<String, Object>> rows = outbox("ticket:created/" + id + "@0");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get("payload")).contains("\"title\":\"concert\"").contains("\"userId\":\"u1\"");
        await("relayed").atMost(Duration.ofSeconds(10)).until(() -> outbox("ticket:created/" + id).get(0).get("sent_at") != null);
        List<String> published = onStream("events.ticket.created", "ticket:created/" + id + "@");
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).contains("\"version\":0");
    }

    @Test
    void showAndListAvailable() throws Exception {
        String free = create("u1", "free", "10").get("id").asString();
        String reserved = create("u1", "taken", "10").get("id").asString();
        jdbc.update("update tickets set order_id = 'o-1' where id = ?::uuid", reserved);

        HttpResponse<String> one = send("GET", "/api/tickets/" + free, null, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(TestJson.read(one.body()).get("title").asString()).isEqualTo("free");
        assertThat(send("GET", "/api/tickets/" + java.util.UUID.randomUUID(), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/tickets/not-a-uuid", null, null).statusCode()).isEqualTo(400);

        String list = send("GET", "/api/tickets", null, null).body();
        assertThat(list).contains(free).doesNotContain(reserved);
    }

    @Test
    void theListPagesNewestFirstWithoutGapsOrDuplicates() throws Exception {
        // Only this test's tickets are available: what other tests left is reserved.
        jdbc.update("update tickets set order_id = 'hidden-by-paging-test' where order_id is null");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) ids.add(create("u1", "page " + i, "10").get("id").asString());
        String reserved = create("u1", "taken", "10").get("id").asString();
        jdbc.update("update tickets set order_id = 'o-1' where id = ?::uuid", reserved);
        // Three share one creation time, so the id decides among them (as PostgreSQL orders uuids: by their text).
        Instant t0 = Instant.parse("2030-01-01T00:00:00.000001Z");
        for (int i = 0; i < 7; i++) {
            Instant at = i >= 2 && i <= 4 ? t0.plusSeconds(2) : t0.plusSeconds(i);
            jdbc.update("update tickets set created_at = ? where id = ?::uuid", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), ids.get(i));
        }
        List<String> newestFirst = new ArrayList<>(List.of(ids.get(6), ids.get(5)));
        newestFirst.addAll(ids.subList(2, 5).stream().sorted(Comparator.reverseOrder()).toList());
        newestFirst.addAll(List.of(ids.get(1), ids.get(0)));

        List<List<String>> pages = new ArrayList<>();
        String path = "/api/tickets?limit=3";
        while (path != null) {
            HttpResponse<String> r = send("GET", path, null, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> page = new ArrayList<>();
            TestJson.read(r.body()).forEach(t -> page.add(t.get("id").asString()));
            pages.add(page);
            path = next(r);
            assertThat(pages).as("stops").hasSizeLessThan(5);
        }
        assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(newestFirst);
        assertThat(TestJson.read(send("GET", "/api/tickets", null, null).body())).as("default limit 50").hasSize(7);
        jdbc.update("update tickets set order_id = 'hidden-by-paging-test' where order_id is null");
    }

    /** The target of the Link rel="next", or null. */
    private static String next(HttpResponse<String> r) {
        return r.headers().firstValue("Link").map(link -> {
            Matcher m = Pattern.compile("^<(/api/tickets\\?limit=3&after=[A-Za-z0-9_-]+)>; rel=\"next\"$").matcher(link);
            assertThat(m.matches()).as(link).isTrue();
            return m.group(1);
        }).orElse(null);
    }

    @Test
    void aPageRequestIsValidated() throws Exception {
        for (String query : List.of("limit=0", "limit=201", "limit=many")) {
            HttpResponse<String> r = send("GET", "/api/tickets?" + query, null, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(TestJson.read(r.body()).get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        assertThat(send("GET", "/api/tickets?limit=200", null, null).statusCode()).isEqualTo(200);
        for (String cursor : List.of("not-a-cursor", "MTIz", "%25%25")) {
            HttpResponse<String> r = send("GET", "/api/tickets?after=" + cursor, null, null);
            assertThat(r.statusCode()).as(cursor).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"after is not a valid page cursor\",\"field\":\"after\"}]}");
        }
    }

    @Test
    void updateIsForTheOwnerOnlyAndValidated() throws Exception {
        String id = create("owner", "concert", "10").get("id").asString();
        assertThat(put(null, id, "x", "10").statusCode()).isEqualTo(401);
        assertThat(put("someone-else", id, "x", "10").statusCode()).isEqualTo(403);
        HttpResponse<String> invalid = put("owner", id, "", "0");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"title\"").contains("\"field\":\"price\"");
        assertThat(put("owner", java.util.UUID.randomUUID().toString(), "x", "10").statusCode()).isEqualTo(404);
        assertThat(outbox("ticket:updated/" + id)).isEmpty();
    }

    @Test
    void updateBumpsTheVersionAndPublishesTicketUpdated() throws Exception {
        String id = create("owner", "concert", "10").get("id").asString();
        HttpResponse<String> r = put("owner", id, "new title", "15");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode updated = TestJson.read(r.body());
        assertThat(updated.get("version").asLong()).isEqualTo(1);
        assertThat(updated.get("price").decimalValue()).isEqualByComparingTo("15");

        List<Map<String, Object>> rows = outbox("ticket:updated/" + id + "@");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get("payload")).contains("\"version\":1").contains("\"title\":\"new title\"")
                .contains("\"orderId\":null");
    }

    @Test
    void anEditMadeOnAnOlderVersionIsRefusedNotApplied() throws Exception {
        String id = create("owner", "concert", "10").get("id").asString();
        assertThat(send("PUT", "/api/tickets/" + id, "owner", "{\"title\":\"first\",\"price\":11,\"version\":0}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> stale = send("PUT", "/api/tickets/" + id, "owner", "{\"title\":\"second\",\"price\":12,\"version\":0}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by someone else since version 0");
        JsonNode stored = TestJson.read(send("GET", "/api/tickets/" + id, null, null).body());
        assertThat(stored.get("title").asString()).isEqualTo("first");
        assertThat(stored.get("version").asLong()).isEqualTo(1);
        assertThat(outbox("ticket:updated/" + id + "@")).hasSize(1);
    }

    @Test
    void aReservedTicketCannotBeEdited() throws Exception {
        String id = create("owner", "concert", "10").get("id").asString();
        jdbc.update("update tickets set order_id = 'o-1' where id = ?::uuid", id);
        HttpResponse<String> r = put("owner", id, "x", "99");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cannot edit a reserved ticket");
    }

    @Test
    void concurrentUpdatesNeverOverwriteEachOther() throws Exception {
        String id = create("owner", "race", "10").get("id").asString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int price = 11 + i;
                calls.add(() -> put("owner", id, "race", Integer.toString(price)).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) codes.add(f.get());
            assertThat(codes).allMatch(c -> c == 200 || c == 409);
            long ok = codes.stream().filter(c -> c == 200).count();
            long version = TestJson.read(send("GET", "/api/tickets/" + id, null, null).body()).get("version").asLong();
            assertThat(version).as("every accepted update is one version").isEqualTo(ok);
            List<Map<String, Object>> rows = outbox("ticket:updated/" + id + "@");
            assertThat(rows).hasSize((int) ok);
            for (int v = 1; v <= ok; v++) assertThat(rows.get(v - 1).get("message_id")).isEqualTo("ticket:updated/" + id + "@" + v);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureAfterTheTicketWriteLeavesNeitherRow() {
        List<String> ids = new ArrayList<>();
        try {
            transactions.executeWithoutResult(s -> {
                ids.add(commands.create(new TicketRequest("doomed", BigDecimal.TEN), new CurrentUser("u9", "u9@x")).id().toString());
                throw new IllegalStateException("crash after the write");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("crash after the write");
        }
        assertThat(ids).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from tickets where id = ?::uuid", Long.class, ids.get(0))).isZero();
        assertThat(outbox("ticket:created/" + ids.get(0))).isEmpty();
    }
}
