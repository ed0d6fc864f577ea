package dev.ticketing.common.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over real HTTP to a service under test, signed in as a user (or not, with a null user). */
public final class TestHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;

    public TestHttp(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> send(String method, String path, String userId, String json) throws Exception {
        return send(method, path, userId, json, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String userId, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (userId != null) b.header("Authorization", TestTokens.bearer(userId));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
