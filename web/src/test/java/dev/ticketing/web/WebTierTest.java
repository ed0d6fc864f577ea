package dev.ticketing.web;

import dev.ticketing.common.testing.TestPublisher;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
import dev.ticketing.common.events.TransactionCreatedEvent;
import dev.ticketing.common.testing.TestEngine;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web tier on the real engine, in front of a stand-in API (a JDK HTTP server on 127.0.0.1) whose
 * answers the test chooses: what the pages make of them, and the live stream fed by the event stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebTierTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final AtomicInteger ACCOUNT_ASKED = new AtomicInteger();
    private static final AtomicReference<String> LAST_EDIT = new AtomicReference<>();
    private static final AtomicReference<String> SIGNIN_CORRELATION = new AtomicReference<>();
    private static final String EDITED = UUID.randomUUID().toString();
    private static final HttpServer API = standInApi();

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        registry.add("ticketing.events.nats-url", TestEngine.shared()::natsUrl);
        registry.add("ticketing.web.api-url", () -> "http://127.0.0.1:" + API.getAddress().getPort());
    }

    @AfterAll
    static void stopApi() {
        API.stop(0);
    }

    /** /api/users/signin: a refusal on the password field for "bad@x", else success with a session cookie. */
    private static HttpServer standInApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/users/signin", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean refused = body.contains("bad@x");
                SIGNIN_CORRELATION.set(exchange.getRequestHeaders().getFirst(CorrelationId.HEADER));
                byte[] answer = (refused ? "{\"errors\":[{\"message\":\"password is wrong here\",\"field\":\"password\"}]}"
                        : "{\"id\":\"u1\",\"email\":\"ok@x\"}").getBytes(StandardCharsets.UTF_8);
                if (!refused) exchange.getResponseHeaders().add("Set-Cookie", "session=jwt-1; Path=/; HttpOnly; SameSite=Lax");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(refused ? 400 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.createContext("/api/users/currentuser", exchange -> {
                boolean signedIn = "session=jwt-1".equals(exchange.getRequestHeaders().getFirst("Cookie"));
                answer(exchange, 200, signedIn ? "{\"currentUser\":{\"id\":\"u1\",\"email\":\"ok@x\",\"admin\":false}}" : "{\"currentUser\":null}");
            });
            // The accounts replica applies one more transaction each time it is asked: 0, 1, 2, ...
            server.createContext("/api/accounts/me", exchange -> {
                int applied = ACCOUNT_ASKED.getAndIncrement();
                answer(exchange, 200, "{\"userId\":\"u1\",\"balance\":" + applied * 10 + ",\"lastTransactionNumber\":" + applied + "}");
            });
            server.createContext("/api/transactions", exchange ->
                    answer(exchange, 200, "[{\"id\":\"t1\",\"type\":\"deposit\",\"amount\":10,\"number\":1}]"));
            server.createContext("/api/tickets/", exchange -> {
                if (exchange.getRequestMethod().equals("PUT")) {
                    LAST_EDIT.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    answer(exchange, 409, "{\"errors\":[{\"message\":\"ticket changed since version 4\"}]}");
                } else {
                    answer(exchange, 200, "{\"id\":\"" + EDITED + "\",\"title\":\"theirs\",\"price\":7,\"userId\":\"u1\",\"version\":5}");
                }
            });
            server.createContext("/api/tickets", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                boolean first = "limit=20".equals(query);
                String title = first ? "newest gig" : query.equals("limit=20&after=Q1VSU09S") ? "older gig" : "unexpected " + query;
                byte[] answer = ("[{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"" + title + "\",\"price\":5,\"version\":0}]")
                        .getBytes(StandardCharsets.UTF_8);
                if (first) exchange.getResponseHeaders().add("Link", "</api/tickets?limit=20&after=Q1VSU09S>; rel=\"next\"");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return postForm(path, form, "");
    }

    private HttpResponse<String> postForm(String path, String form, String cookie) throws Exception {
        return postForm(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), form, cookie);
    }

    private HttpResponse<String> postForm(HttpRequest.Builder request, String form, String cookie) throws Exception {
        if (!cookie.isEmpty()) request.header("Cookie", cookie);
        return HTTP.send(request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApiRefusalIsShownNextToItsField() throws Exception {
        HttpResponse<String> page = postForm("/signin", "email=bad%40x&password=whatever1");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).containsPattern("id=\"password-error\"[^>]*>password is wrong here<")
                .contains("value=\"bad@x\"");
    }

    @Test
    void signingInRelaysTheSessionCookieAndGoesHome() throws Exception {
        HttpResponse<String> answer = postForm("/signin", "email=ok%40x&password=whatever1");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(answer.headers().allValues("Set-Cookie")).containsExactly("session=jwt-1; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void theBrowsersCorrelationIdGoesOnToTheApi() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin"))
                .header(CorrelationId.HEADER, "web-tier-test-7");
        assertThat(postForm(request, "email=ok%40x&password=whatever1", "").statusCode()).isEqualTo(302);
        assertThat(SIGNIN_CORRELATION.get()).isEqualTo("web-tier-test-7");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theTicketListLinksToTheNextPageTheApiAnnounces() throws Exception {
        HttpResponse<String> first = get("/");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(">newest gig<").contains("id=\"next-page\"").contains("href=\"/?after=Q1VSU09S\"")
                .doesNotContain("id=\"first-page\"");

        HttpResponse<String> second = get("/?after=Q1VSU09S");
        assertThat(second.body()).contains(">older gig<").contains("id=\"first-page\"").doesNotContain("id=\"next-page\"");
        assertThat(get("/tickets/list?after=Q1VSU09S").body()).as("the live re-fetch keeps its page")
                .contains(">older gig<").doesNotContain("newest gig");
    }

    @Test
    void aTicketEventOnTheStreamIsPushedToAnOpenLiveStream() throws Exception {
        HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(live.statusCode()).isEqualTo(200);
        String id = UUID.randomUUID().toString();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<Boolean> pushed = CompletableFuture.supplyAsync(() -> {
                String previous = "";
                try {
                    for (String line; (line = lines.readLine()) != null; previous = line) {
                        if (line.equals("data:" + id)) return previous.equals("event:ticket");
                    }
                } catch (Exception e) {
                    return false;
                }
                return false;
            });
            TestPublisher.publish(bus, Subjects.TICKET_CREATED, new TicketCreatedEvent(id, 0, "gig", BigDecimal.TEN, "u1"));
            assertThat(pushed.get(20, TimeUnit.SECONDS)).as("event:ticket then data:<id>").isTrue();
        }
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAccountPanelAsksAgainUntilAccountsHasAppliedTheTransactionItWasToldOf() throws Exception {
        ACCOUNT_ASKED.set(0);
        HttpResponse<String> panel = get("/account/panel?done=3", "session=jwt-1");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("id=\"account-panel\"").contains(">$30.00<").contains("as of transaction #3")
                .doesNotContain("balance-catching-up");
        assertThat(ACCOUNT_ASKED.get()).as("asked until #3 was applied, then no more").isEqualTo(4);
    }

    @Test
    void theAccountPanelStopsAskingAfterItsBoundAndSaysTheBalanceIsCatchingUp() throws Exception {
        ACCOUNT_ASKED.set(0);
        HttpResponse<String> panel = get("/account/panel?done=1000", "session=jwt-1");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("id=\"balance-catching-up\"").contains("#1000");
        assertThat(ACCOUNT_ASKED.get()).as("AccountController.BALANCE_LOOKS").isEqualTo(12);
    }

    @Test
    void aLostConcurrentEditIsExplainedAndTheFormShowsTheCurrentVersion() throws Exception {
        HttpResponse<String> page = postForm("/tickets/" + EDITED, "title=mine&price=8&version=4", "session=jwt-1");
        assertThat(LAST_EDIT.get()).as("the edit names the version it was made on").contains("\"version\":4");
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("Someone changed this ticket while you were editing it")
                .contains("value=\"theirs\"").containsPattern("name=\"version\"\\s+value=\"5\"").doesNotContain("value=\"mine\"");
    }

    @Test
    void aTransactionIsPushedToItsOwnersStreamsOnly() throws Exception {
        try (BufferedReader owner = stream("session=jwt-1"); BufferedReader anyone = stream("session=none")) {
            CompletableFuture<String> toOwner = CompletableFuture.supplyAsync(() -> nextEvent(owner));
            CompletableFuture<String> toAnyone = CompletableFuture.supplyAsync(() -> nextEvent(anyone));
            TestPublisher.publish(bus, Subjects.TRANSACTION_CREATED, new TransactionCreatedEvent(UUID.randomUUID().toString(),
                    "u1", TransactionCreatedEvent.Type.DEPOSIT, BigDecimal.TEN, 7));
            assertThat(toOwner.get(20, TimeUnit.SECONDS)).isEqualTo("account 7");
            String ticket = UUID.randomUUID().toString();
            TestPublisher.publish(bus, Subjects.TICKET_CREATED, new TicketCreatedEvent(ticket, 0, "gig", BigDecimal.TEN, "u2"));
            assertThat(toAnyone.get(20, TimeUnit.SECONDS)).as("the next event another stream sees").isEqualTo("ticket " + ticket);
        }
    }

    private BufferedReader stream(String cookie) throws Exception {
        HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live"))
                .header("Accept", "text/event-stream").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(live.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8));
    }

    /** "name data" of the next named event on the stream (comments skipped). */
    private static String nextEvent(BufferedReader lines) {
        String name = null;
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) name = line.substring(6);
                else if (line.startsWith("data:") && name != null) return name + " " + line.substring(5);
            }
        } catch (java.io.IOException e) {
            return "failed: " + e;
        }
        return "ended";
    }
}
