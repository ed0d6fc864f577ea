package dev.ticketing.web.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client of the services' management side: the Prometheus scrape and the dead-letter admin endpoint. */
@Component
class ManagementClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    String prometheus(String base) throws IOException, InterruptedException {
        return body(send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Accept", "text/plain").GET()));
    }

    JsonNode deadLetters(String base) throws IOException, InterruptedException {
        return json.readTree(body(send(HttpRequest.newBuilder(URI.create(base + "/actuator/deadletters"))
                .header("Accept", "application/json").GET())));
    }

    /** The dead letter as it is after the replay; empty when the stream has no such sequence. */
    Optional<JsonNode> replay(String base, long sequence) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/actuator/deadletters/" + sequence))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() == 404) return Optional.empty();
        return Optional.of(json.readTree(body(r)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) throw new IOException(r.uri() + " answered " + r.statusCode());
        return r.body();
    }
}
