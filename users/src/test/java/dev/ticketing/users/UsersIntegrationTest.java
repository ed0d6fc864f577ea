package dev.ticketing.users;

import dev.ticketing.common.testing.TestJson;
import dev.ticketing.spring.testing.ServiceIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The users service on the real engine, over HTTP with explicit cookies; every test class shares one context. */
public abstract class UsersIntegrationTest extends ServiceIntegrationTest {
    protected static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An email of its own for each test: the database is shared by every test of the run. */
    protected static String newEmail(String name) {
        return name + "-" + UUID.randomUUID() + "@test.dev";
    }

    /** {@code {"email":..., "password":...}}, built by Jackson so any character is escaped right. */
    protected static String credentials(String email, String password) {
        return JsonNodeFactory.instance.objectNode().put("email", email).put("password", password).toString();
    }

    protected HttpResponse<String> post(String path, String json) throws Exception {
        return request("POST", path, json, null);
    }

    protected HttpResponse<String> get(String path, String cookieHeader) throws Exception {
        return request("GET", path, null, cookieHeader);
    }

    protected HttpResponse<String> signUp(String email, String password) throws Exception {
        return post("/api/users/signup", credentials(email, password));
    }

    protected HttpResponse<String> signIn(String email, String password) throws Exception {
        return post("/api/users/signin", credentials(email, password));
    }

    /** The raw Set-Cookie header of the session cookie; the test fails when there is none. */
    protected static String setCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    /** The value of the session cookie a response set. */
    protected static String sessionToken(HttpResponse<String> response) {
        String cookie = setCookie(response);
        return cookie.substring("session=".length(), cookie.indexOf(';'));
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return TestJson.read(response.body());
    }

    private HttpResponse<String> request(String method, String path, String json, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
