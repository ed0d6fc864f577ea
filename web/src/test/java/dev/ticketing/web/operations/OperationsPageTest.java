package dev.ticketing.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.common.testing.TestEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's web tier on the real engine, in front of a stand-in (a JDK HTTP server on 127.0.0.1) for the
 * users API (session "admin" is an admin's, "plain" is not) and for one service's management side (a scrape,
 * a dead-letter listing, the replay). Who may see what, the pushed snapshot, and the replay going through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsPageTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<String> REPLAYS = new CopyOnWriteArrayList<>();
    private static final HttpServer STAND_IN = standIn();
    private static final String CONSUMER = "orders-service_ticket-updated";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        String standIn = "http://127.0.0.1:" + STAND_IN.getAddress().getPort();
        registry.add("ticketing.events.nats-url", TestEngine.shared()::natsUrl);
        registry.add("ticketing.web.api-url", () -> standIn);
        registry.add("ticketing.web.management-urls", () -> "orders=" + standIn);
    }

    @AfterAll
    static void stopStandIn() {
        STAND_IN.stop(0);
    }

    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/users/currentuser", exchange -> {
                String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
                String user = cookie.contains("session=admin") ? "{\"id\":\"u1\",\"email\":\"ops@x\",\"admin\":true}"
                        : cookie.contains("session=plain") ? "{\"id\":\"u2\",\"email\":\"me@x\",\"admin\":false}" : "null";
                answer(exchange, 200, "application/json", "{\"currentUser\":" + user + "}");
            });
            server.createContext("/actuator/prometheus", exchange -> answer(exchange, 200, "text/plain", """
                    ticketing_listener_pending{consumer="%1$s"} 2.0
                    ticketing_listener_ack_pending{consumer="%1$s"} 1.0
                    ticketing_listener_redeliveries_total{consumer="%1$s"} 5.0
                    ticketing_outbox_pending 7.0
                    ticketing_outbox_republished_total 12.0
                    """.formatted(CONSUMER)));
            server.createContext("/actuator/deadletters", exchange -> {
                if (exchange.getRequestMethod().equals("POST")) {
                    REPLAYS.add(exchange.getRequestURI().getPath());
                    answer(exchange, 200, "application/json", "{\"sequence\":4,\"replayedAt\":\"2026-01-01T00:00:00Z\"}");
                } else {
                    answer(exchange, 200, "application/json", "{\"consumers\":{\"" + CONSUMER + "\":{\"total\":1,\"replayed\":0}},"
                            + "\"deadLetters\":[{\"sequence\":4,\"consumer\":\"" + CONSUMER + "\",\"originalSubject\":"
                            + "\"events.ticket.updated.3\",\"deliveries\":1,\"error\":\"malformed\",\"time\":"
                            + "\"2026-01-01T00:00:00Z\",\"replayedAt\":null}]}");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private HttpResponse<String> send(String method, String path, String session, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (session != null) request.header("Cookie", "session=" + session);
        if (form != null) request.header("Content-Type", "application/x-www-form-urlencoded");
        request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyAnAdminGetsThePageTheStreamAndTheReplay() throws Exception {
        assertThat(send("GET", "/admin/operations", null, null).headers().firstValue("Location"))
                .as("not signed in: sign in first").hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
        HttpResponse<String> refused = send("GET", "/admin/operations", "plain", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Admins only").doesNotContain("id=\"operations-link\"");
        assertThat(send("GET", "/admin/operations/live", "plain", null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/operations/deadletters/4/replay", "plain", "service=orders").statusCode()).isEqualTo(403);
        assertThat(REPLAYS).isEmpty();

        HttpResponse<String> page = send("GET", "/admin/operations", "admin", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"operations-link\"").contains("/js/operations.js")
                .doesNotContain("id=\"not-configured\"");
    }

    @Test
    void anOpenStreamGetsASnapshotOfTheScrapedFiguresAndTheDeadLetters() throws Exception {
        HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/admin/operations/live"))
                .header("Accept", "text/event-stream").header("Cookie", "session=admin").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(live.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> snapshot = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("data:") && line.contains("\"redeliveries\":5.0") && line.contains("\"sequence\":4")) {
                            return line;
                        }
                    }
                } catch (IOException e) {
                    return "stream failed: " + e;
                }
                return "stream ended";
            });
            assertThat(snapshot.get(30, TimeUnit.SECONDS)).contains("\"name\":\"orders\"").contains("\"up\":true")
                    .contains("\"outboxPending\":7.0").contains("\"outboxRepublished\":12.0").contains("\"pending\":2.0").contains("\"service\":\"orders\"")
                    .contains("\"deadLetters\":{\"total\":1,\"replayed\":0}");
        }
    }

    @Test
    void theReplayButtonPostsToTheServicesEndpointAndComesBack() throws Exception {
        HttpResponse<String> replayed = send("POST", "/admin/operations/deadletters/4/replay", "admin", "service=orders");
        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/operations?replayed=4"));
        assertThat(REPLAYS).contains("/actuator/deadletters/4");
        assertThat(send("POST", "/admin/operations/deadletters/4/replay", "admin", "service=nowhere").statusCode())
                .as("only a configured service").isEqualTo(400);
    }
}
