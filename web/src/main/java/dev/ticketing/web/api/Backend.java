package dev.ticketing.web.api;

import dev.ticketing.common.correlation.CorrelationId;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The one client of the system's APIs (through the gateway by default). Every call forwards the browser's
 * {@code session} cookie; the answer keeps the status, the body and any Set-Cookie to relay.
 */
@Component
public class Backend {
    public static final String SESSION = "session";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern AFTER = Pattern.compile("[?&]after=([^&#]*)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public Backend(@Value("${ticketing.web.api-url}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Reply get(String path, String session) {
        return send("GET", path, session, null);
    }

    /** A page of a paged list: {@code limit} rows after the cursor (null: the first page). */
    public Reply getPage(String path, String session, int limit, String after) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return get(path + query, session);
    }

    public Reply post(String path, String session, Map<String, ?> body) {
        return send("POST", path, session, body);
    }

    public Reply put(String path, String session, Map<String, ?> body) {
        return send("PUT", path, session, body);
    }

    public <T> T read(JsonNode node, Class<T> type) {
        return json.treeToValue(node, type);
    }

    public <T> List<T> readList(JsonNode node, Class<T> type) {
        return node.valueStream().map(n -> read(n, type)).toList();
    }

    private Reply send(String method, String path, String session, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (session != null && !session.isBlank()) request.header("Cookie", SESSION + "=" + session);
        String correlationId = CorrelationId.current();
        if (correlationId != null) request.header(CorrelationId.HEADER, correlationId);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()),
                    response.headers().allValues("Set-Cookie"), nextCursor(response.headers().allValues("Link")));
        } catch (IOException e) {
            return Reply.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.unavailable();
        }
    }

    /** The {@code after} of the {@code rel="next"} target among the Link headers (RFC 8288), or null. */
    static String nextCursor(List<String> links) {
        for (String header : links) {
            Matcher link = NEXT.matcher(header);
            if (!link.find()) continue;
            Matcher after = AFTER.matcher(link.group(1));
            if (after.find()) return URLDecoder.decode(after.group(1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) return NullNode.getInstance();
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return NullNode.getInstance();
        }
    }
}
