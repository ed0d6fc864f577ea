package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.common.bus.EventBus;
import dev.ticketing.common.events.Subjects;
import dev.ticketing.common.events.TicketCreatedEvent;
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
                byte[] answer = (refused ? "{\"errors\":[{\"message\":\"password is wrong here\",\"field\":\"password\"}]}"
                        : "{\"id\":\"u1\",\"email\":\"ok@x\"}").getBytes(StandardCharsets.UTF_8);
                if (!refused) exchange.getResponseHeaders().add("Set-Cookie", "session=jwt-1; Path=/; HttpOnly; SameSite=Lax");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(refused ? 400 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
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

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
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
            bus.publisher().publish(Subjects.TICKET_CREATED, new TicketCreatedEvent(id, 0, "gig", BigDecimal.TEN, "u1"));
            assertThat(pushed.get(20, TimeUnit.SECONDS)).as("event:ticket then data:<id>").isTrue();
        }
    }
}
