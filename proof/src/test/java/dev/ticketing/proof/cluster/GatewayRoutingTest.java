package dev.ticketing.proof.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.common.correlation.CorrelationId;
import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.common.testing.TestJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real gateway (nginx, as `./ticketing up` starts it) in front of stand-in backends that answer with
 * their own name, the path, the cookie and the body they got.
 */
class GatewayRoutingTest {
    private static final List<String> APIS = List.of("users", "tickets", "orders", "payments", "transactions", "accounts");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<HttpServer> backends = new ArrayList<>();
    private static Gateway gateway;

    @BeforeAll
    static void start() throws IOException {
        Map<String, List<Integer>> routes = new LinkedHashMap<>();
        for (String api : APIS) {
            int replicas = api.equals("orders") ? 2 : 1;
            List<Integer> ports = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) ports.add(backend(api + "-" + i));
            routes.put(api, ports);
        }
        routes.put("gone", List.of(unusedPort()));
        routes.put("web", List.of(backend("web-1")));
        gateway = Gateway.start(Path.of("..").toAbsolutePath().normalize(), routes);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        backends.forEach(b -> b.stop(0));
    }

    private static int backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
            String correlationId = String.valueOf(exchange.getRequestHeaders().getFirst(CorrelationId.HEADER));
            byte[] answer = TestJson.write(Map.of("backend", name, "path", exchange.getRequestURI().toString(),
                    "cookie", cookie, "body", body, "correlationId", correlationId)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return server.getAddress().getPort();
    }

    private static int unusedPort() throws IOException {
        return TestEngine.freePort();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, Map.of());
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path));
        headers.forEach(request::header);
        return HTTP.send(request
                .header("Cookie", "session=abc")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theClientsCorrelationIdPassesThroughAndOneIsMadeWhenItIsMissing() throws Exception {
        var given = TestJson.read(send("GET", "/api/tickets", null, Map.of(CorrelationId.HEADER, "client-7")).body());
        assertThat(given.get("correlationId").asString()).isEqualTo("client-7");
        var made = TestJson.read(send("GET", "/api/tickets", null).body()).get("correlationId").asString();
        var another = TestJson.read(send("GET", "/api/tickets", null).body()).get("correlationId").asString();
        assertThat(made).matches("[0-9a-f]{32}").isNotEqualTo(another);
    }

    @Test
    void everyApiPathReachesItsServiceWithPathCookieAndBodyIntact() throws Exception {
        for (String api : APIS) {
            for (String path : List.of("/api/" + api, "/api/" + api + "/some-id?page=2")) {
                HttpResponse<String> r = send("POST", path, "{\"a\":1}");
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                var got = TestJson.read(r.body());
                assertThat(got.get("backend").asString()).as(path).startsWith(api + "-");
                assertThat(got.get("path").asString()).isEqualTo(path);
                assertThat(got.get("cookie").asString()).isEqualTo("session=abc");
                assertThat(got.get("body").asString()).isEqualTo("{\"a\":1}");
            }
        }
    }

    @Test
    void everyOtherPathGoesToTheWebClient() throws Exception {
        for (String path : List.of("/", "/tickets/some-id?saved", "/live", "/js/live.js", "/apix")) {
            HttpResponse<String> r = send("POST", path, "a=1");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            var got = TestJson.read(r.body());
            assertThat(got.get("backend").asString()).as(path).isEqualTo("web-1");
            assertThat(got.get("path").asString()).isEqualTo(path);
            assertThat(got.get("cookie").asString()).isEqualTo("session=abc");
        }
        assertThat(TestJson.read(send("GET", "/api/tickets", null).body()).get("backend").asString())
                .as("the APIs stay with their services").startsWith("tickets-");
    }

    @Test
    void requestsAreSpreadOverAServicesReplicas() throws Exception {
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 10; i++) answered.add(TestJson.read(send("GET", "/api/orders", null).body()).get("backend").asString());
        assertThat(answered).containsExactlyInAnyOrder("orders-1", "orders-2");
    }

    @Test
    void anUnknownApiIsA404WithTheErrorsBody() throws Exception {
        for (String path : List.of("/api/nothing", "/api/ticketsx", "/api/")) {
            HttpResponse<String> r = send("GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(TestJson.read(r.body()).get("errors").get(0).get("message").asString()).isEqualTo("no such API");
        }
    }

    @Test
    void aServiceThatIsDownIsA503WithTheErrorsBody() throws Exception {
        HttpResponse<String> r = send("GET", "/api/gone/1", null);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(TestJson.read(r.body()).get("errors").get(0).get("message").asString()).contains("unavailable");
    }
}
